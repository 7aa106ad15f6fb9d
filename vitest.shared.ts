import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineProject, type UserWorkspaceConfig } from "vitest/config";

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Tests import `@backprop/<name>` exactly as a user does; inside the repo that name resolves to
 * the package's `src/index.ts`, so tests run against the sources without a build step.
 * (`tools/publish-smoke` proves the built `dist/` entry points separately.)
 */
function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const name of readdirSync(join(root, "packages"))) {
    aliases[`@backprop/${name}`] = join(root, "packages", name, "src", "index.ts");
  }
  return aliases;
}

/** The one vitest project shape every package and tool uses. */
export function backpropProject(name: string, extra: UserWorkspaceConfig["test"] = {}) {
  return defineProject({
    resolve: { alias: workspaceAliases() },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...extra,
    },
  });
}

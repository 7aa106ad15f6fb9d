import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineProject, type UserWorkspaceConfig } from "vitest/config";

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Tests import `@backprop/<name>` exactly as a user does; inside the repo that name resolves to
 * the package's `src/index.ts`, and a subpath export `@backprop/<name>/<sub>` to `src/<sub>.ts`,
 * so tests run against the sources without a build step. (`tools/publish-smoke` proves the built
 * `dist/` entry points separately.)
 */
function workspaceAliases(): Array<{ find: RegExp; replacement: string }> {
  const aliases: Array<{ find: RegExp; replacement: string }> = [];
  for (const name of readdirSync(join(root, "packages"))) {
    const dir = join(root, "packages", name);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      exports?: Record<string, unknown>;
    };
    for (const sub of Object.keys(manifest.exports ?? {})) {
      if (sub === "." || sub === "./package.json") continue;
      const local = sub.slice(2);
      aliases.push({
        find: new RegExp(`^@backprop/${name}/${local}$`),
        replacement: join(dir, "src", `${local}.ts`),
      });
    }
    aliases.push({
      find: new RegExp(`^@backprop/${name}$`),
      replacement: join(dir, "src", "index.ts"),
    });
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

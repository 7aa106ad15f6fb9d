import { existsSync } from "node:fs";
import { join } from "node:path";
import { registryEnv, run } from "./run.js";
import type { PublicPackage } from "./workspace.js";

/**
 * Publishes every public package to the local registry with changesets (`changeset publish`,
 * which runs `pnpm publish` per package and rewrites `workspace:^` ranges to real versions).
 * `--no-git-tag`: the smoke test must not tag the repository.
 */
export async function publishAll(
  root: string,
  packages: readonly PublicPackage[],
  registry: string,
  npmrc: string,
  cache: string,
): Promise<string> {
  for (const p of packages) {
    if (!existsSync(join(p.dir, "dist", "index.js"))) {
      throw new Error(`${p.name} has no dist/index.js: run \`pnpm build\` first`);
    }
  }
  const changeset = join(root, "node_modules", ".bin", "changeset");
  const result = await run(changeset, ["publish", "--no-git-tag"], {
    cwd: root,
    env: registryEnv(registry, npmrc, cache),
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.code !== 0)
    throw new Error(`changeset publish failed (exit ${result.code}):\n${output}`);
  // Every package must now be on the registry at its version.
  for (const p of packages) {
    const res = await fetch(`${registry}${p.name.replace("/", "%2f")}`);
    const body = (await res.json()) as { versions?: Record<string, unknown> };
    if (!res.ok || body.versions?.[p.version] === undefined) {
      throw new Error(
        `${p.name}@${p.version} is not on the local registry after changeset publish:\n${output}`,
      );
    }
  }
  return output;
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLES } from "./examples.js";
import { checkInstall, type InstallCheck } from "./install-check.js";
import { publishAll } from "./publish.js";
import { startRegistry } from "./registry.js";
import { publicPackages } from "./workspace.js";

/** Options of {@link smoke}. */
export interface SmokeOptions {
  readonly root: string;
  /** Check only this package (all are still published). */
  readonly only?: string;
  /** Keep the temporary directory for debugging. */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

/** Publishes every package to a fresh local registry and checks a standalone install of each. */
export async function smoke(
  options: SmokeOptions,
): Promise<{ checks: InstallCheck[]; dir: string }> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "backprop-publish-smoke-"));
  const registry = await startRegistry(join(dir, "registry"));
  try {
    const packages = publicPackages(options.root);
    log(`local registry ${registry.url}; publishing ${packages.length} packages with changesets`);
    const cache = join(dir, "npm-cache");
    await publishAll(options.root, packages, registry.url, registry.npmrc, cache);
    const targets = packages.filter(
      (p) =>
        options.only === undefined ||
        p.name === options.only ||
        p.name === `@backprop/${options.only}`,
    );
    if (targets.length === 0) throw new Error(`no package named ${options.only}`);
    const checks: InstallCheck[] = [];
    // Two installs at a time: they mostly wait on the registry.
    const queue = [...targets];
    const worker = async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        log(`installing ${p.name} into a fresh project`);
        checks.push(
          await checkInstall(p, packages, EXAMPLES[p.name], {
            dir: join(dir, "projects"),
            registry: registry.url,
            npmrc: registry.npmrc,
            cache,
          }),
        );
      }
    };
    await Promise.all([worker(), worker()]);
    checks.sort((a, b) => a.name.localeCompare(b.name));
    return { checks, dir };
  } finally {
    await registry.stop();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

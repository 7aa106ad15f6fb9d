import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A public workspace package, as it will be published. */
export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  /** Its runtime `@backprop/*` dependencies. */
  readonly internalDeps: readonly string[];
}

/** Every non-private package under `packages/`. */
export function publicPackages(root: string): PublicPackage[] {
  const base = join(root, "packages");
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(base, e.name, "package.json")))
    .map((e) => {
      const dir = join(base, e.name);
      const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name: string;
        version: string;
        private?: boolean;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const deps = { ...json.dependencies, ...json.peerDependencies };
      return {
        name: json.name,
        version: json.version,
        dir,
        private: json.private === true,
        internalDeps: Object.keys(deps).filter((d) => d.startsWith("@backprop/")),
      };
    })
    .filter((p) => !p.private)
    .map(({ private: _private, ...p }) => p);
}

/** The `@backprop/*` packages an install of `name` must bring: its internal dependency closure. */
export function expectedClosure(name: string, packages: readonly PublicPackage[]): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const out = new Set<string>([name]);
  const stack = [name];
  while (stack.length > 0) {
    for (const dep of byName.get(stack.pop()!)?.internalDeps ?? []) {
      if (!out.has(dep)) {
        out.add(dep);
        stack.push(dep);
      }
    }
  }
  return [...out].sort();
}

/** The `@backprop/*` packages actually present anywhere under `node_modules` of a project. */
export function installedBackpropPackages(project: string): string[] {
  const found = new Set<string>();
  const walk = (nodeModules: string, depth: number) => {
    if (depth > 6 || !existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name.startsWith("@")) {
        for (const scoped of readdirSync(join(nodeModules, entry.name), { withFileTypes: true })) {
          const dir = join(nodeModules, entry.name, scoped.name);
          if (entry.name === "@backprop") found.add(`@backprop/${scoped.name}`);
          walk(join(dir, "node_modules"), depth + 1);
        }
      } else if (entry.name !== ".bin") {
        walk(join(nodeModules, entry.name, "node_modules"), depth + 1);
      }
    }
  };
  walk(join(project, "node_modules"), 0);
  return [...found].sort();
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** The dependency kinds of package.json. */
export const DEP_KINDS = [
  "dependencies",
  "peerDependencies",
  "optionalDependencies",
  "devDependencies",
] as const;
export type DepKind = (typeof DEP_KINDS)[number];

/** One workspace package. */
export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly private: boolean;
  readonly deps: Readonly<Record<DepKind, Readonly<Record<string, string>>>>;
}

/** Reads `pnpm-workspace.yaml` and every package it lists (simple `dir/*` and `dir` globs). */
export function readWorkspace(root: string): {
  packages: WorkspacePackage[];
  rootDevDeps: Set<string>;
} {
  const config = parse(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")) as {
    packages?: string[];
  };
  const dirs: string[] = [];
  for (const pattern of config.packages ?? []) {
    if (pattern.endsWith("/*")) {
      const base = join(root, pattern.slice(0, -2));
      if (!existsSync(base)) continue;
      for (const entry of readdirSync(base, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(base, entry.name));
      }
    } else {
      dirs.push(join(root, pattern));
    }
  }
  const packages = dirs
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<
        string,
        unknown
      >;
      const deps = Object.fromEntries(
        DEP_KINDS.map((kind) => [kind, (json[kind] ?? {}) as Record<string, string>]),
      ) as WorkspacePackage["deps"];
      return { name: String(json.name), dir, private: json.private === true, deps };
    });
  const rootJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    devDependencies?: Record<string, string>;
  };
  return { packages, rootDevDeps: new Set(Object.keys(rootJson.devDependencies ?? {})) };
}

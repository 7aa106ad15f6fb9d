import { join, relative } from "node:path";
import {
  allowedClosure,
  FORBIDDEN,
  TEST_ONLY,
  TFJS_OWNER,
  USED_WITHOUT_IMPORT,
} from "./allowed-edges.js";
import { findCycles } from "./cycles.js";
import { escapes, importsOf, packageOf, sourceFiles } from "./imports.js";
import { DEP_KINDS, type DepKind, readWorkspace, type WorkspacePackage } from "./workspace.js";

/** One broken rule. */
export interface Violation {
  readonly rule:
    | "cycle"
    | "forbidden-edge"
    | "edge-outside-table"
    | "unknown-package"
    | "tfjs"
    | "undeclared-import"
    | "unused-dependency"
    | "escaping-import";
  readonly pkg: string;
  readonly message: string;
}

/** The result of a run. */
export interface GraphReport {
  readonly packages: number;
  readonly edges: number;
  readonly violations: Violation[];
}

const RUNTIME: readonly DepKind[] = ["dependencies", "peerDependencies", "optionalDependencies"];

/** Checks the workspace at `root` against the house rules. */
export function checkGraph(root: string): GraphReport {
  const { packages, rootDevDeps } = readWorkspace(root);
  const names = new Set(packages.map((p) => p.name));
  const violations: Violation[] = [];
  let edges = 0;
  const graph = new Map<string, string[]>();
  for (const pkg of packages) {
    if (!pkg.private && allowedClosure(pkg.name) === undefined) {
      violations.push({
        rule: "unknown-package",
        pkg: pkg.name,
        message: `${pkg.name} is not in the dependency table; add it to tools/check-graph/src/allowed-edges.ts (and STYLE.md)`,
      });
    }
    const targets: string[] = [];
    for (const kind of DEP_KINDS) {
      for (const dep of Object.keys(pkg.deps[kind])) {
        if (names.has(dep)) {
          targets.push(dep);
          edges++;
          violations.push(...checkEdge(pkg, dep, kind));
        }
        if (dep.startsWith("@tensorflow/") && RUNTIME.includes(kind) && pkg.name !== TFJS_OWNER) {
          violations.push({
            rule: "tfjs",
            pkg: pkg.name,
            message: `${pkg.name} lists ${dep} in ${kind}; only ${TFJS_OWNER} may depend on tfjs`,
          });
        }
      }
    }
    graph.set(pkg.name, targets);
    violations.push(...checkImports(root, pkg, rootDevDeps));
  }
  for (const cycle of findCycles(graph)) {
    violations.push({
      rule: "cycle",
      pkg: cycle[0]!,
      message: `dependency cycle: ${cycle.join(" -> ")}`,
    });
  }
  return { packages: packages.length, edges, violations };
}

function checkEdge(pkg: WorkspacePackage, dep: string, kind: DepKind): Violation[] {
  const forbidden = FORBIDDEN.find((f) => f.from === pkg.name && f.to === dep);
  if (forbidden)
    return [
      {
        rule: "forbidden-edge",
        pkg: pkg.name,
        message: `${pkg.name} -> ${dep} (${kind}) is forbidden: ${forbidden.reason}`,
      },
    ];
  if (pkg.private) return [];
  const closure = allowedClosure(pkg.name);
  if (closure === undefined) return []; // reported once per package
  if (closure === "*" || closure.has(dep)) return [];
  if (
    kind === "devDependencies" &&
    (TEST_ONLY[pkg.name]?.includes(dep) || dep.startsWith("@backprop-tools/"))
  )
    return [];
  return [
    {
      rule: "edge-outside-table",
      pkg: pkg.name,
      message: `${pkg.name} -> ${dep} (${kind}) is not an allowed edge; ${pkg.name} may depend on: ${[...closure].join(", ") || "nothing"}`,
    },
  ];
}

function checkImports(
  root: string,
  pkg: WorkspacePackage,
  rootDevDeps: ReadonlySet<string>,
): Violation[] {
  const violations: Violation[] = [];
  const runtime = new Set(RUNTIME.flatMap((kind) => Object.keys(pkg.deps[kind])));
  const dev = new Set([...runtime, ...Object.keys(pkg.deps.devDependencies), ...rootDevDeps]);
  const used = new Set<string>();
  const scan = (folder: string, allowed: ReadonlySet<string>, where: string) => {
    for (const file of sourceFiles(join(pkg.dir, folder))) {
      for (const site of importsOf(file)) {
        const at = `${relative(root, site.file)}:${site.line}`;
        if (escapes(pkg.dir, site.file, site.specifier)) {
          violations.push({
            rule: "escaping-import",
            pkg: pkg.name,
            message: `${at} imports '${site.specifier}', outside ${pkg.name}; import the package by name instead`,
          });
          continue;
        }
        const name = packageOf(site.specifier);
        if (name === null || name === pkg.name) continue;
        if (where === "src") used.add(name);
        if (!allowed.has(name)) {
          violations.push({
            rule: "undeclared-import",
            pkg: pkg.name,
            message: `${at} imports '${site.specifier}' but ${pkg.name}'s package.json does not declare ${name}${where === "src" ? " in dependencies" : ""}`,
          });
        }
      }
    }
  };
  scan("src", runtime, "src");
  scan("test", dev, "test");
  scan("bench", dev, "bench");
  if (!pkg.private) {
    for (const dep of runtime) {
      if (!used.has(dep) && !USED_WITHOUT_IMPORT[pkg.name]?.includes(dep)) {
        violations.push({
          rule: "unused-dependency",
          pkg: pkg.name,
          message: `${pkg.name} declares ${dep} but nothing in src/ imports it`,
        });
      }
    }
  }
  return violations;
}

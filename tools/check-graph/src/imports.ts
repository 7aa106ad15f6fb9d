import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** One import (static, dynamic, type-only or re-export) found in a source file. */
export interface ImportSite {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const BUILTINS = new Set(builtinModules);

/** Source files under `dir` (recursively), skipping node_modules and dist. */
export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/**
 * The module specifiers a file imports, found by TypeScript's own pre-processor (so specifiers in
 * comments and strings are not mistaken for imports; `import()` is included).
 */
export function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, "utf8");
  const info = ts.preProcessFile(text, true, true);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  return info.importedFiles.map((ref) => ({
    file,
    line: source.getLineAndCharacterOfPosition(ref.pos).line + 1,
    specifier: ref.fileName,
  }));
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for others. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:"))
    return null;
  if (BUILTINS.has(specifier) || BUILTINS.has(specifier.split("/")[0]!)) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** True when a relative specifier in `file` resolves outside `packageDir`. */
export function escapes(packageDir: string, file: string, specifier: string): boolean {
  if (!specifier.startsWith(".")) return false;
  const target = resolve(file, "..", specifier);
  const rel = relative(packageDir, target);
  return rel.startsWith(`..${sep}`) || rel === "..";
}

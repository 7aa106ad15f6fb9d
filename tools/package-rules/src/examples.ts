import { readFileSync } from "node:fs";
import { format } from "node:util";
import ts from "typescript";
import type { SourceFile } from "./sources.js";

/** A runnable snippet and where it came from. */
export interface Example {
  readonly where: string;
  readonly code: string;
}

/** The ```ts blocks after `@example` tags in the sources' JSDoc, and the README's ```ts blocks. */
export function collectExamples(sources: readonly SourceFile[], readmePath?: string): Example[] {
  const out: Example[] = [];
  for (const { file, text } of sources) {
    for (const match of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const comment = match[0];
      const after = text.slice(match.index + comment.length);
      const name =
        /^\s*(?:export\s+)?(?:async\s+)?(?:function|interface|type|class|const)?\s*(\w+)/.exec(
          after,
        )?.[1] ?? "?";
      const body = comment
        .split("\n")
        .map((line) => line.replace(/^\s*\*( |$)/, ""))
        .join("\n");
      for (const example of body.matchAll(/@example\s*\n```ts\n([\s\S]*?)```/g)) {
        out.push({ where: `${file.replace(/\.ts$/, "")}: ${name}`, code: example[1]! });
      }
    }
  }
  if (readmePath !== undefined) {
    const readme = readFileSync(readmePath, "utf8");
    [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].forEach((m, i) => {
      out.push({ where: `README.md: example ${i + 1}`, code: m[1]! });
    });
  }
  return out;
}

/** Names exported from `index.ts` whose declaration has no JSDoc comment with an `@example`. */
export function exportsWithoutExample(sources: readonly SourceFile[]): {
  names: string[];
  missing: string[];
} {
  const index = sources.find((s) => s.file === "index.ts")?.text ?? "";
  const names = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
    m[1]!
      .split(",")
      .map((n) => n.replace(/\btype\b/, "").trim())
      .filter((n) => n.length > 0),
  );
  const missing = names.filter((name) => {
    const declaration = new RegExp(
      `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*(?://[^\\n]*\\n\\s*)*export (?:async )?(?:function|interface|type|class|const) ${name}\\b`,
    );
    return !sources.some(({ text }) => declaration.exec(text)?.[1]?.includes("@example"));
  });
  return { names, missing };
}

/** The snippet as CommonJS, a console that records what it prints, and a require of `modules`. */
function prepare(code: string, modules: Readonly<Record<string, unknown>>) {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const printed: string[] = [];
  // What examples print goes to `printed`; their warnings are silenced.
  const console = { log: (...args: unknown[]) => printed.push(format(...args)), warn: () => {} };
  const require = (name: string) => {
    const module = modules[name];
    if (module === undefined)
      throw new Error(`example imports ${name}, which the test does not provide`);
    return module;
  };
  return { js, printed, args: [require, {}, console] as const };
}

/**
 * Runs a TypeScript snippet against the given modules (its only imports) and returns what it
 * printed with `console.log`; `wrap` runs the body (e.g. inside a tensor scope).
 */
export function runExample(
  code: string,
  modules: Readonly<Record<string, unknown>>,
  wrap: (body: () => void) => void = (b) => b(),
): string[] {
  const { js, printed, args } = prepare(code, modules);
  wrap(() => {
    new Function("require", "exports", "console", js)(...args);
  });
  return printed;
}

/**
 * {@link runExample} for snippets that `await` at top level (training loops, file I/O): the body
 * runs as an async function and the returned promise resolves to what it printed.
 */
export async function runExampleAsync(
  code: string,
  modules: Readonly<Record<string, unknown>>,
): Promise<string[]> {
  const { js, printed, args } = prepare(code, modules);
  const AsyncFunction = (async () => {}).constructor as new (
    ...params: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction("require", "exports", "console", js)(...args);
  return printed;
}

/** For each `console.log(...)` line of a snippet, the `// expected` output (or undefined). */
export function expectedOutputs(code: string): Array<string | undefined> {
  return code
    .split("\n")
    .filter((line) => line.includes("console.log("))
    .map((line) => /\/\/ (.*)$/.exec(line)?.[1]);
}

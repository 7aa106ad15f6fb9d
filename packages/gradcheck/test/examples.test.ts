// Every export carries a JSDoc `@example`, and every example (and the README's) runs: this file
// extracts them, transpiles them with TypeScript, runs them against the package, and compares
// each `console.log(...) // expected` line with what was printed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import * as gradcheck from "@backprop/gradcheck";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import * as fastCheck from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const srcDir = fileURLToPath(new URL("../src", import.meta.url));
const sources = readdirSync(srcDir)
  .filter((f) => f.endsWith(".ts"))
  .map((file) => ({ file, text: readFileSync(join(srcDir, file), "utf8") }));

interface Example {
  readonly where: string;
  readonly code: string;
}

/** The ```ts blocks after `@example` tags in the JSDoc comments of one file. */
function examplesOf(file: string, text: string): Example[] {
  const out: Example[] = [];
  for (const match of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const comment = match[0];
    const after = text.slice(match.index + comment.length);
    const name =
      /^\s*(?:export\s+)?(?:function|interface|type|class|const)?\s*(\w+)/.exec(after)?.[1] ?? "?";
    const body = comment
      .split("\n")
      .map((line) => line.replace(/^\s*\*( |$)/, ""))
      .join("\n");
    for (const example of body.matchAll(/@example\s*\n```ts\n([\s\S]*?)```/g)) {
      out.push({ where: `${file.replace(/\.ts$/, "")}: ${name}`, code: example[1]! });
    }
  }
  return out;
}

const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
const examples = [
  ...sources.flatMap(({ file, text }) => examplesOf(file, text)),
  ...[...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
    where: `README.md: example ${i + 1}`,
    code: m[1]!,
  })),
];

const modules: Readonly<Record<string, unknown>> = {
  "@backprop/gradcheck": gradcheck,
  "@backprop/tensor-core": tensorCore,
  "@backprop/random": random,
  "fast-check": fastCheck,
};

function run(code: string): string[] {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const printed: string[] = [];
  const fakeConsole = { log: (...args: unknown[]) => printed.push(format(...args)) };
  const fakeRequire = (name: string) => {
    const module = modules[name];
    if (module === undefined) throw new Error(`example imports ${name}`);
    return module;
  };
  tensorCore.scope(() => {
    new Function("require", "exports", "console", js)(fakeRequire, {}, fakeConsole);
  });
  return printed;
}

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example", () => {
    const index = sources.find((s) => s.file === "index.ts")!.text;
    const names = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!
        .split(",")
        .map((n) => n.replace(/\btype\b/, "").trim())
        .filter((n) => n.length > 0),
    );
    expect(names.length).toBeGreaterThan(30);
    const missing = names.filter((name) => {
      const declaration = new RegExp(
        `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*(?://[^\\n]*\\n\\s*)*export (?:function|interface|type|class|const) ${name}\\b`,
      );
      return !sources.some(({ text }) => declaration.exec(text)?.[1]?.includes("@example"));
    });
    expect(missing).toEqual([]);
  });

  it.each(examples)("$where", ({ code }) => {
    const printed = run(code);
    const expected = code
      .split("\n")
      .filter((line) => line.includes("console.log("))
      .map((line) => /\/\/ (.*)$/.exec(line)?.[1]);
    expect(printed.length).toBe(expected.length);
    expected.forEach((want, i) => {
      if (want !== undefined) expect(printed[i]).toBe(want);
    });
  });
});

// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say. The examples here are async (rendering is), so they run
// in an async wrapper rather than through package-rules' synchronous runExample.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import * as cli from "@backprop/cli";
import * as errors from "@backprop/errors";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  readSources,
} from "@backprop-tools/package-rules";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
const examples = collectExamples(sources, fileURLToPath(new URL("../README.md", import.meta.url)));
const modules: Record<string, unknown> = {
  "@backprop/cli": cli,
  "@backprop/errors": errors,
  "node:fs": fs,
  "node:os": os,
  "node:path": path,
};

async function runAsyncExample(code: string): Promise<string[]> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const printed: string[] = [];
  const fakeConsole = { log: (...args: unknown[]) => printed.push(format(...args)) };
  const fakeRequire = (name: string) => {
    if (!(name in modules))
      throw new Error(`example imports ${name}, which the test does not provide`);
    return modules[name];
  };
  const run = new Function("require", "exports", "console", `return (async () => {\n${js}\n})();`);
  await run(fakeRequire, {}, fakeConsole);
  return printed;
}

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it.each(examples)("$where", async ({ code }) => {
    const printed = await runAsyncExample(code);
    const expected = expectedOutputs(code);
    expect(printed.length).toBe(expected.length);
    expected.forEach((want, i) => {
      if (want !== undefined) expect(printed[i]).toBe(want);
    });
  });
});

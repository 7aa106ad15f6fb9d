// Every export of both entry points carries a JSDoc `@example`, and every example (and the
// README's) runs and prints what its `// expected` comments say (collection: tools/package-rules;
// the examples here are async, so they run through an async wrapper of the same kind).
import { existsSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import * as mnist from "@backprop/data-mnist";
import * as node from "@backprop/data-mnist/node";
import * as random from "@backprop/random";
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
  "@backprop/data-mnist": mnist,
  "@backprop/data-mnist/node": node,
  "@backprop/random": random,
  "node:fs/promises": fsPromises, // the fetchDataset example's stand-in server reads files
};

// Examples that read Debian's Fashion-MNIST: `.ci/run` installs it, so under CI=true they run.
const debian = existsSync(`${mnist.DEBIAN_DIRS["fashion-mnist"]}/t10k-images-idx3-ubyte.gz`);
const needsDebian = (code: string) => /DEBIAN_DIRS\[|name: "fashion-mnist"/.test(code);

async function runAsync(code: string): Promise<string[]> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const printed: string[] = [];
  const fakeConsole = {
    log: (...args: unknown[]) => printed.push(format(...args)),
    warn: () => {},
  };
  const fakeRequire = (name: string) => {
    if (!(name in modules))
      throw new Error(`example imports ${name}, which the test does not provide`);
    return modules[name];
  };
  const body = `return (async () => {\n${js}\n})();`;
  await new Function("require", "exports", "console", body)(fakeRequire, {}, fakeConsole);
  return printed;
}

describe("JSDoc examples", () => {
  it("every name exported from the main entry has a JSDoc comment with an @example", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it("so does every name exported from @backprop/data-mnist/node", () => {
    const asIndex = sources
      .filter((s) => s.file !== "index.ts")
      .map((s) => (s.file === "node.ts" ? { ...s, file: "index.ts" } : s));
    const { names, missing } = exportsWithoutExample(asIndex);
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(missing).toEqual([]);
  });

  for (const { where, code } of examples) {
    it.skipIf(needsDebian(code) && !debian && process.env.CI !== "true")(where, async () => {
      const printed = await runAsync(code);
      const expected = expectedOutputs(code);
      expect(printed.length).toBe(expected.length);
      expected.forEach((want, i) => {
        if (want !== undefined) expect(printed[i]).toBe(want);
      });
    });
  }
});

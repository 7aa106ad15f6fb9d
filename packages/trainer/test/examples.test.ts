// Every export carries a JSDoc `@example`, and every example of the main entry (and the README's)
// runs and prints what its `// expected` comments say (machinery: tools/package-rules). The
// Node entry's examples write files and are illustrations; node.test.ts covers those functions.
import { fileURLToPath } from "node:url";
import * as layers from "@backprop/layers";
import * as optimizers from "@backprop/optimizers";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import * as trainer from "@backprop/trainer";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  readSources,
  runExampleAsync,
} from "@backprop-tools/package-rules";
import { beforeAll, describe, expect, it } from "vitest";

const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
const examples = collectExamples(
  sources.filter((s) => s.file !== "node.ts"),
  fileURLToPath(new URL("../README.md", import.meta.url)),
);
const modules = {
  "@backprop/layers": layers,
  "@backprop/optimizers": optimizers,
  "@backprop/random": random,
  "@backprop/tensor-core": tensorCore,
  "@backprop/trainer": trainer,
};

beforeAll(async () => {
  await tensorCore.initBackend({ backend: "wasm" });
});

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it.each(examples)("$where", async ({ code }) => {
    tensorCore.setDefaultBackend("reference");
    const printed = await runExampleAsync(code, modules);
    const expected = expectedOutputs(code);
    expect(printed.length).toBe(expected.length);
    expected.forEach((want, i) => {
      if (want !== undefined) expect(printed[i]).toBe(want);
    });
  });
});

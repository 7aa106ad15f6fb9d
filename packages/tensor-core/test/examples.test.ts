// Every export carries a JSDoc `@example` (but the older ones listed below), and every example (and
// the README's) runs and prints what its `// expected` comments say (machinery:
// tools/package-rules). Examples run on the default backend, the float64 reference one.
import { fileURLToPath } from "node:url";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  readSources,
  runExampleAsync,
} from "@backprop-tools/package-rules";
import { beforeAll, describe, expect, it } from "vitest";

const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
const examples = collectExamples(sources, fileURLToPath(new URL("../README.md", import.meta.url)));
const modules = { "@backprop/random": random, "@backprop/tensor-core": tensorCore };

beforeAll(async () => {
  await tensorCore.initBackend({ backend: "wasm" });
});

/**
 * Exports from before this test existed that still have no JSDoc `@example` (write one and drop
 * the name here). A new export without one fails the test.
 */
const WITHOUT_EXAMPLE_YET: readonly string[] = [
  "ArgReduceOp",
  "Backend",
  "BackendMemory",
  "BinaryOp",
  "CompareOp",
  "LogicalOp",
  "ReduceOp",
  "TensorInfo",
  "UnaryOp",
  "WasmBackendInfo",
  "CreationOptions",
  "DTypeOption",
  "BackendInfo",
  "InitBackendOptions",
  "MemoryInfo",
  "ConcatOptions",
  "TensorOptions",
  "GatherOptions",
  "OneHotOptions",
  "RandomNormalOptions",
  "RandomUniformOptions",
  "ArgReduceOptions",
  "ReduceOptions",
  "LogSumExpOptions",
  "SoftmaxOptions",
  "TransposeOptions",
  "ClipOptions",
  "LeakyReluOptions",
  "ArrayValue",
  "BackendName",
  "DType",
  "DTypeArrayMap",
  "FloatDType",
  "NestedArray",
  "Shape",
  "TypedArray",
];

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example (older ones listed)", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(30);
    expect(missing.filter((name) => !WITHOUT_EXAMPLE_YET.includes(name))).toEqual([]);
    expect(WITHOUT_EXAMPLE_YET.filter((name) => !names.includes(name))).toEqual([]);
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

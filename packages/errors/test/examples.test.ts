// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (machinery: tools/package-rules).
import { fileURLToPath } from "node:url";
import * as errors from "@backprop/errors";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  readSources,
  runExampleAsync,
} from "@backprop-tools/package-rules";
import { describe, expect, it } from "vitest";

const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
const examples = collectExamples(sources, fileURLToPath(new URL("../README.md", import.meta.url)));
const modules = { "@backprop/errors": errors };

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it.each(examples)("$where", async ({ code }) => {
    const printed = await runExampleAsync(code, modules);
    const expected = expectedOutputs(code);
    expect(printed.length).toBe(expected.length);
    expected.forEach((want, i) => {
      if (want !== undefined) expect(printed[i]).toBe(want);
    });
  });
});

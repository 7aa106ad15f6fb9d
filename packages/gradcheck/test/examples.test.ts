// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (machinery: tools/package-rules).
import { fileURLToPath } from "node:url";
import * as gradcheck from "@backprop/gradcheck";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  readSources,
  runExample,
} from "@backprop-tools/package-rules";
import * as fastCheck from "fast-check";
import { describe, expect, it } from "vitest";

const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
const examples = collectExamples(sources, fileURLToPath(new URL("../README.md", import.meta.url)));
const modules = {
  "@backprop/gradcheck": gradcheck,
  "@backprop/tensor-core": tensorCore,
  "@backprop/random": random,
  "fast-check": fastCheck,
};

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it.each(examples)("$where", ({ code }) => {
    const printed = runExample(code, modules, (body) => tensorCore.scope(body));
    const expected = expectedOutputs(code);
    expect(printed.length).toBe(expected.length);
    expected.forEach((want, i) => {
      if (want !== undefined) expect(printed[i]).toBe(want);
    });
  });
});

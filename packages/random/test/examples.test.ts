// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (machinery: tools/package-rules).
import { fileURLToPath } from "node:url";
import * as random from "@backprop/random";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  readSources,
  runExample,
} from "@backprop-tools/package-rules";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
const examples = collectExamples(sources, fileURLToPath(new URL("../README.md", import.meta.url)));

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it("so does every method of the Rng interface", () => {
    const file = "types.ts";
    const sf = ts.createSourceFile(
      file,
      sources.find((s) => s.file === file)!.text,
      ts.ScriptTarget.Latest,
      true,
    );
    const rng = sf.statements.find(
      (st): st is ts.InterfaceDeclaration =>
        ts.isInterfaceDeclaration(st) && st.name.text === "Rng",
    )!;
    const members = rng.members.map((m) => ({
      name: m.name?.getText(sf),
      documented: m.getFullText(sf).includes("@example"),
    }));
    expect(members.length).toBe(13);
    expect(members.filter((m) => !m.documented)).toEqual([]);
  });

  it.each(examples)("$where", ({ code }) => {
    const printed = runExample(code, { "@backprop/random": random });
    const expected = expectedOutputs(code);
    expect(printed.length).toBe(expected.length);
    expected.forEach((want, i) => {
      if (want !== undefined) expect(printed[i]).toBe(want);
    });
  });
});

// Every export carries a JSDoc `@example` — and so does every method of the Rng interface — and
// every example (and the README's) runs and prints what its `// expected` comments say
// (tools/package-rules' describeExamples).
import { fileURLToPath } from "node:url";
import * as random from "@backprop/random";
import { describeExamples, readSources } from "@backprop-tools/package-rules";
import ts from "typescript";
import { expect, it } from "vitest";

describeExamples({ testUrl: import.meta.url, modules: { "@backprop/random": random } });

it("every method of the Rng interface has a JSDoc comment with an @example", () => {
  const file = "types.ts";
  const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
  const sf = ts.createSourceFile(
    file,
    sources.find((s) => s.file === file)!.text,
    ts.ScriptTarget.Latest,
    true,
  );
  const rng = sf.statements.find(
    (st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === "Rng",
  )!;
  const members = rng.members.map((m) => ({
    name: m.name?.getText(sf),
    documented: m.getFullText(sf).includes("@example"),
  }));
  expect(members.length).toBe(13);
  expect(members.filter((m) => !m.documented)).toEqual([]);
});

// House rules that are cheap to check mechanically (machinery: tools/package-rules) and a
// package.json that Node and bundlers read the way we mean.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  filesUsingMathRandom,
  indexProblems,
  moduleLevelWork,
  readSources,
  withoutComments,
} from "@backprop-tools/package-rules";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const sources = readSources(join(root, "src"));
const code = sources.map(({ file, text }) => ({ file, text: withoutComments(text) }));

describe("sources", () => {
  it("never use Math.random and never import a test runner", () => {
    expect(filesUsingMathRandom(sources)).toEqual([]);
    expect(
      code
        .filter(({ text }) => /from "(vitest|@fast-check\/vitest|jest)/.test(text))
        .map((s) => s.file),
    ).toEqual([]);
  });

  it("do nothing on import: module level holds only imports, exports and declarations", () => {
    expect(moduleLevelWork(sources)).toEqual([]);
  });

  it("index.ts only re-exports, by name", () => {
    expect(indexProblems(sources.find((s) => s.file === "index.ts")!.text)).toEqual([]);
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

  it("is side-effect free ESM for Node >= 20, with types first in the exports map", () => {
    expect(pkg).toMatchObject({
      name: "@backprop/random",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", "."]);
    expect(Object.keys(pkg.exports["."])).toEqual(["types", "import", "default"]);
    expect(pkg.files).toEqual(expect.arrayContaining(["dist", "README.md", "LICENSE"]));
  });

  it("depends on pure-rand 8 and on no @backprop package", () => {
    expect(Object.keys(pkg.dependencies)).toEqual(["pure-rand"]);
    expect(pkg.dependencies["pure-rand"]).toMatch(/^\^8\./);
  });
});

// A package.json that Node and bundlers read the way we mean, and sources that import what it
// declares.
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

// Math.random, work on import and the index's shape are checked for every package by
// tools/package-rules/test/all-packages.test.ts; these checks are this package's own.
describe("sources", () => {
  it("never import a test runner", () => {
    expect(
      code
        .filter(({ text }) => /from "(vitest|@fast-check\/vitest|jest)/.test(text))
        .map((s) => s.file),
    ).toEqual([]);
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

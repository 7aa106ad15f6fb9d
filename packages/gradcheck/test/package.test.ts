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
      name: "@backprop/gradcheck",
      version: "0.0.0",
      license: "MIT",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", "."]);
    expect(pkg.exports["."]).toEqual({
      types: "./dist/index.d.ts",
      import: "./dist/index.js",
      default: "./dist/index.js",
    });
    expect(pkg.files).toEqual(
      expect.arrayContaining(["dist", "README.md", "CHANGELOG.md", "LICENSE"]),
    );
  });

  it("depends on tensor-core, errors, random and fast-check — and on no test runner", () => {
    expect(pkg.dependencies).toEqual({
      "@backprop/errors": "workspace:^",
      "@backprop/random": "workspace:^",
      "@backprop/tensor-core": "workspace:^",
      "fast-check": "^4.10.2",
    });
    expect(pkg.devDependencies ?? {}).not.toHaveProperty("vitest");
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it("imports exactly what it declares", () => {
    const imported = new Set(
      code.flatMap(({ text }) =>
        [...text.matchAll(/from "((?:@[^/"]+\/)?[^/".][^/"]*)/g)].map((m) => m[1]!),
      ),
    );
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});

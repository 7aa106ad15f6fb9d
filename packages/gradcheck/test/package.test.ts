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

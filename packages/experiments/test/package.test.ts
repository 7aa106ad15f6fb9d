// A package.json that Node and bundlers read the way we mean, and sources that run in browsers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSources, withoutComments } from "@backprop-tools/package-rules";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const sources = readSources(join(root, "src")).map(({ file, text }) => ({
  file,
  text: withoutComments(text),
}));

describe("sources", () => {
  it("import no node: module, no Node-only entry point and no process global (the docs run them in a browser)", () => {
    expect(
      sources
        .filter(({ text }) => /from "(node:|@backprop\/[a-z-]+\/node")/.test(text))
        .map((s) => s.file),
    ).toEqual([]);
    expect(
      sources.filter(({ text }) => /\bprocess\.|\bBuffer\./.test(text)).map((s) => s.file),
    ).toEqual([]);
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  it("is side-effect free ESM for Node >= 20 with types first", () => {
    expect(pkg).toMatchObject({
      name: "@backprop/experiments",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", "."]);
    expect(Object.keys(pkg.exports["."])).toEqual(["types", "import", "default"]);
  });
});

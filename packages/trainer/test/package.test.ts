// A package.json that Node and bundlers read the way we mean, and a core that runs in browsers.
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
  it("only the Node entry imports node: modules or Node-only packages (the loop runs in browsers)", () => {
    const nodeOnly = sources
      .filter(({ text }) => /from "(node:|@backprop\/[a-z-]+\/node")/.test(text))
      .map((s) => s.file);
    expect(nodeOnly).toEqual(["node.ts"]);
    expect(sources.filter(({ text }) => /\bprocess\./.test(text)).map((s) => s.file)).toEqual([]);
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

  it("is side-effect free ESM for Node >= 20 with a Node subpath, types first", () => {
    expect(pkg).toMatchObject({
      name: "@backprop/trainer",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", ".", "./node"]);
    for (const entry of [".", "./node"])
      expect(Object.keys(pkg.exports[entry])).toEqual(["types", "import", "default"]);
  });

  it("depends on layers and optimizers, not on a data package", () => {
    expect(Object.keys(pkg.dependencies)).not.toContain("@backprop/data-mnist");
    expect(Object.keys(pkg.dependencies)).toEqual(
      expect.arrayContaining(["@backprop/layers", "@backprop/optimizers"]),
    );
  });
});

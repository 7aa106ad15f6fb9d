// A package.json that Node and bundlers read the way we mean, a bin that runs, and sources that
// keep the house rules this package adds.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSources, withoutComments } from "@backprop-tools/package-rules";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const sources = readSources(join(root, "src"));
const code = sources.map(({ file, text }) => ({ file, text: withoutComments(text) }));

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

  it("is side-effect free ESM for Node >= 20, with types first in the exports map", () => {
    expect(pkg).toMatchObject({
      name: "@backprop/cli",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
      bin: { backprop: "./dist/bin.js" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", "."]);
    expect(Object.keys(pkg.exports["."])).toEqual(["types", "import", "default"]);
    expect(pkg.files).toEqual(expect.arrayContaining(["dist", "README.md", "LICENSE"]));
  });

  it("pins the plotting stack to the majors that run on Node 20", () => {
    expect(pkg.dependencies.vega).toMatch(/^~5\./);
    expect(pkg.dependencies["vega-lite"]).toMatch(/^~5\./);
    expect(pkg.dependencies["@resvg/resvg-js"]).toMatch(/^\^?2\./);
    expect(pkg.dependencies["dejavu-fonts-ttf"]).toBeDefined();
  });
});

describe("sources", () => {
  it("never import a test runner", () => {
    expect(code.filter(({ text }) => /from "(vitest|jest)/.test(text)).map((s) => s.file)).toEqual(
      [],
    );
  });

  it("load vega, vega-lite and resvg only when a plot is rendered (dynamic import)", () => {
    const staticHeavy = code.filter(({ text }) =>
      /^import [^;]* from "(vega|vega-lite|@resvg\/resvg-js)"/m.test(text),
    );
    expect(staticHeavy.map((s) => s.file)).toEqual([]);
  });

  it("run nothing on load except the bin (which only the backprop command runs)", () => {
    const index = sources.find((s) => s.file === "index.ts")!.text;
    expect(index).not.toMatch(/bin\.js|main\.js/);
  });
});

describe("backprop command (in process; test/cli.test.ts runs the real binary)", () => {
  const capture = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      argv,
      { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: {} },
      "1.2.3",
    );
    return { code, out: out.join(""), err: err.join("") };
  };

  it("prints usage for --help and exits 0", async () => {
    const r = await capture(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: backprop \[options\] \[command\]/);
    expect(r.out).toMatch(/train.*\n.*evaluate.*\n.*predict/s);
  });

  it("prints the version", async () => {
    expect((await capture(["--version"])).out).toBe("1.2.3\n");
  });

  it("rejects an unknown command with exit code 2", async () => {
    const r = await capture(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
  });
});

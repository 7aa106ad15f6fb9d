// A package.json that Node and bundlers read the way we mean, and the dependency rule of the
// house style: hpo depends on errors and random only — never on the trainer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSources, withoutComments } from "@backprop-tools/package-rules";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

describe("package.json", () => {
  it("is side-effect free ESM for Node >= 20 with one entry point, types first", () => {
    expect(pkg).toMatchObject({
      name: "@backprop/hpo",
      type: "module",
      sideEffects: false,
      engines: { node: ">=20" },
    });
    expect(Object.keys(pkg.exports)).toEqual(["./package.json", "."]);
    expect(Object.keys(pkg.exports["."])).toEqual(["types", "import", "default"]);
  });

  it("depends on @backprop/errors, @backprop/random and pg (loaded only for postgres:// URLs) only", () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      "@backprop/errors",
      "@backprop/random",
      "pg",
    ]);
  });
});

describe("sources", () => {
  const sources = readSources(join(root, "src")).map(({ file, text }) => ({
    file,
    text: withoutComments(text),
  }));

  it("never import the trainer (the pruning callback is structural)", () => {
    expect(
      sources.filter(({ text }) => text.includes("@backprop/trainer")).map((s) => s.file),
    ).toEqual([]);
  });

  it("load pg only when a postgres:// storage is opened (a dynamic import; types alone otherwise)", () => {
    const users = sources.filter(({ text }) => /from "pg"|import\("pg"\)/.test(text));
    expect(users.map((s) => s.file)).toEqual(["postgres-storage.ts"]);
    expect(users[0]!.text).not.toMatch(/^import (?!type )[^;]*from "pg"/m);
  });

  it("touch the file system only in the journal file backend", () => {
    expect(sources.filter(({ text }) => /from "node:fs/.test(text)).map((s) => s.file)).toEqual([
      "journal-file-backend.ts",
    ]);
  });
});

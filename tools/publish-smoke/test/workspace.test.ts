import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/examples.js";
import { expectedClosure, installedBackpropPackages, publicPackages } from "../src/workspace.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe("publish-smoke bookkeeping", () => {
  it("finds every public package of the repo, and each has an example", () => {
    const names = publicPackages(repoRoot).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "@backprop/errors",
        "@backprop/random",
        "@backprop/tensor-core",
        "@backprop/gradcheck",
      ]),
    );
    for (const name of names) expect(EXAMPLES[name], `an example for ${name}`).toBeDefined();
  });

  it("computes the internal dependency closure", () => {
    const packages = publicPackages(repoRoot);
    expect(expectedClosure("@backprop/errors", packages)).toEqual(["@backprop/errors"]);
    expect(expectedClosure("@backprop/gradcheck", packages)).toEqual([
      "@backprop/errors",
      "@backprop/gradcheck",
      "@backprop/random",
      "@backprop/tensor-core",
    ]);
  });

  it("sees @backprop packages installed at the top level and nested", () => {
    const project = mkdtempSync(join(tmpdir(), "smoke-tree-"));
    temps.push(project);
    mkdirSync(
      join(
        project,
        "node_modules",
        "@backprop",
        "tensor-core",
        "node_modules",
        "@backprop",
        "errors",
      ),
      { recursive: true },
    );
    mkdirSync(join(project, "node_modules", "pure-rand", "node_modules", "@backprop", "random"), {
      recursive: true,
    });
    mkdirSync(join(project, "node_modules", "@other", "x"), { recursive: true });
    expect(installedBackpropPackages(project)).toEqual([
      "@backprop/errors",
      "@backprop/random",
      "@backprop/tensor-core",
    ]);
  });
});

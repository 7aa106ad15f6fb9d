import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkGraph } from "../src/check.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..", "..");
const temps: string[] = [];

interface Pkg {
  deps?: Record<string, string>;
  devDeps?: Record<string, string>;
  files?: Record<string, string>;
  private?: boolean;
}

/** Writes a throwaway monorepo with `packages/<short name>` for each entry. */
function fixture(packages: Record<string, Pkg>, rootDevDeps: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "check-graph-"));
  temps.push(root);
  writeFileSync(join(root, "pnpm-workspace.yaml"), 'packages:\n  - "packages/*"\n');
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify({ name: "root", private: true, devDependencies: rootDevDeps }),
  );
  for (const [name, pkg] of Object.entries(packages)) {
    const dir = join(root, "packages", name.split("/")[1]!);
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name,
        private: pkg.private ?? false,
        dependencies: pkg.deps ?? {},
        devDependencies: pkg.devDeps ?? {},
      }),
    );
    for (const [file, text] of Object.entries(pkg.files ?? { "src/index.ts": "export {};\n" })) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  }
  return root;
}

const rules = (root: string) => checkGraph(root).violations.map((v) => v.rule);

afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe("check-graph", () => {
  it("passes a clean graph", () => {
    const root = fixture({
      "@backprop/errors": {},
      "@backprop/tensor-core": {
        deps: { "@backprop/errors": "workspace:^" },
        files: {
          "src/index.ts":
            'import { ShapeError } from "@backprop/errors";\nexport { ShapeError };\n',
        },
      },
    });
    expect(checkGraph(root).violations).toEqual([]);
  });

  it("finds a cycle", () => {
    const root = fixture({
      "@backprop/errors": {
        deps: { "@backprop/random": "workspace:^" },
        files: { "src/index.ts": 'import "@backprop/random";\n' },
      },
      "@backprop/random": {
        deps: { "@backprop/errors": "workspace:^" },
        files: { "src/index.ts": 'import "@backprop/errors";\n' },
      },
    });
    const report = checkGraph(root);
    const cycle = report.violations.find((v) => v.rule === "cycle");
    expect(cycle?.message).toMatch(/@backprop\/errors -> @backprop\/random -> @backprop\/errors/);
  });

  it("rejects an edge outside the table (optimizers -> layers)", () => {
    const root = fixture({
      "@backprop/layers": {},
      "@backprop/optimizers": {
        deps: { "@backprop/layers": "workspace:^" },
        files: { "src/index.ts": 'import "@backprop/layers";\n' },
      },
    });
    expect(rules(root)).toContain("edge-outside-table");
  });

  it("allows the transitive closure (gradcheck -> errors) and test-only gradcheck edges", () => {
    const root = fixture({
      "@backprop/errors": {},
      "@backprop/gradcheck": {
        deps: { "@backprop/errors": "workspace:^" },
        files: { "src/index.ts": 'import "@backprop/errors";\n' },
      },
      "@backprop/layers": {
        devDeps: { "@backprop/gradcheck": "workspace:^" },
        files: { "test/a.test.ts": 'import "@backprop/gradcheck";\n' },
      },
    });
    expect(rules(root)).toEqual([]);
  });

  it("forbids tensor-core -> gradcheck in any dependency kind, devDependencies included", () => {
    const root = fixture({
      "@backprop/gradcheck": {},
      "@backprop/tensor-core": { devDeps: { "@backprop/gradcheck": "workspace:^" } },
    });
    const v = checkGraph(root).violations.find((x) => x.rule === "forbidden-edge");
    expect(v?.message).toContain("must never depend on it");
  });

  it("only tensor-core may depend on tfjs", () => {
    const root = fixture({
      "@backprop/layers": {
        deps: { "@tensorflow/tfjs-core": "4.22.0" },
        files: { "src/index.ts": 'import "@tensorflow/tfjs-core";\n' },
      },
    });
    expect(rules(root)).toEqual(["tfjs"]);
  });

  it("finds undeclared imports (static, dynamic, re-export, type-only) but not ones in comments or strings", () => {
    const root = fixture({
      "@backprop/errors": {
        files: {
          "src/index.ts": [
            "// import x from 'commented-out';",
            'const s = "import y from \\"in-a-string\\"";',
            'export { a } from "reexported";',
            'import type { T } from "type-only";',
            'export async function f() { return import("dynamic-one"); }',
            'import { readFileSync } from "node:fs";',
            'import path from "path";',
            "export { s, readFileSync, path };",
          ].join("\n"),
        },
      },
    });
    const messages = checkGraph(root)
      .violations.map((v) => v.message)
      .join("\n");
    expect(messages).toContain("'reexported'");
    expect(messages).toContain("'type-only'");
    expect(messages).toContain("'dynamic-one'");
    expect(messages).toContain("packages/errors/src/index.ts:5");
    expect(messages).not.toContain("commented-out");
    expect(messages).not.toContain("in-a-string");
    expect(messages).not.toContain("node:fs");
  });

  it("test files may use root devDependencies; src may not", () => {
    const root = fixture(
      {
        "@backprop/errors": {
          files: { "src/index.ts": 'import "vitest";\n', "test/a.test.ts": 'import "vitest";\n' },
        },
      },
      { vitest: "^4.0.0" },
    );
    const v = checkGraph(root).violations;
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toContain("src/index.ts:1");
  });

  it("finds declared but unused dependencies and escaping relative imports", () => {
    const root = fixture({
      "@backprop/errors": {},
      "@backprop/random": {
        deps: { "pure-rand": "^8.0.0" },
        files: {
          "src/index.ts": 'import { x } from "../../errors/src/index.js";\nexport { x };\n',
        },
      },
    });
    expect(rules(root).sort()).toEqual(["escaping-import", "unused-dependency"]);
  });

  it("names packages missing from the table", () => {
    expect(rules(fixture({ "@backprop/mystery": {} }))).toEqual(["unknown-package"]);
  });

  it("the real repository passes", () => {
    expect(checkGraph(repoRoot).violations).toEqual([]);
  });

  it("the built CLI exits 0 on a clean graph and 1 with messages on a broken one", () => {
    // `pnpm test` builds every workspace package (turbo) before running vitest.
    const cli = join(here, "..", "dist", "cli.js");
    expect(existsSync(cli), "tools/check-graph is built (run `pnpm build`)").toBe(true);
    const clean = spawnSync(
      process.execPath,
      [cli, "--root", fixture({ "@backprop/errors": {} })],
      { encoding: "utf8" },
    );
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain("0 violations");
    const broken = fixture({
      "@backprop/gradcheck": {},
      "@backprop/tensor-core": { devDeps: { "@backprop/gradcheck": "workspace:^" } },
    });
    const bad = spawnSync(process.execPath, [cli, "--root", broken], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("[forbidden-edge]");
  });
});

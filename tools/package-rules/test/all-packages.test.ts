import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  binSources,
  exportsWithoutExample,
  filesUsingMathRandom,
  indexProblems,
  moduleLevelWork,
  readSources,
} from "../src/index.js";

// The house rules a machine can check, over every published package: no Math.random in library
// code, nothing done on import, and an index that only re-exports by name.
const packagesDir = fileURLToPath(new URL("../../../packages", import.meta.url));

describe.each(readdirSync(packagesDir))("@backprop/%s", (name) => {
  const sources = readSources(join(packagesDir, name, "src"));
  // Executables (package.json "bin") run on load by design; nothing imports them.
  const bins = binSources(join(packagesDir, name));

  it("never calls Math.random", () => {
    expect(filesUsingMathRandom(sources)).toEqual([]);
  });

  it("does no work on import (module level: imports, exports, declarations, inert constants)", () => {
    expect(moduleLevelWork(sources.filter((s) => !bins.includes(s.file)))).toEqual([]);
  });

  it("keeps its executables (package.json bin) out of what the index exports", () => {
    const index = sources.find((s) => s.file === "index.ts")?.text ?? "";
    for (const bin of bins) {
      expect(
        sources.map((s) => s.file),
        `src/${bin} exists`,
      ).toContain(bin);
      expect(index).not.toContain(`"./${bin.replace(/\.ts$/, ".js")}"`);
    }
  });

  it("has an index.ts that only re-exports, by name", () => {
    const index = sources.find((s) => s.file === "index.ts");
    expect(index, "src/index.ts").toBeDefined();
    expect(indexProblems(index!.text)).toEqual([]);
  });
});

describe("the checks can fail", () => {
  it("flag module-level work, Math.random and logic in an index", () => {
    const bad = [
      { file: "a.ts", text: "export const x = compute();\nconsole.log(1);\nlet y = 2;" },
      { file: "b.ts", text: "export function f() { return Math.random(); }" },
    ];
    expect(moduleLevelWork(bad)).toHaveLength(3);
    expect(filesUsingMathRandom(bad)).toEqual(["b.ts"]);
    expect(indexProblems('export * from "./a.js";\nconst z = 1;')).toHaveLength(2);
    expect(
      moduleLevelWork([
        {
          file: "ok.ts",
          text: 'const M = Symbol.for("m");\nlet s: number | undefined;\nconst T = { a: [1, 2], b: "x" } as const;',
        },
      ]),
    ).toEqual([]);
  });

  it("find the JSDoc example of an async function, and miss a missing one", () => {
    const sources = [
      { file: "index.ts", text: 'export { a, b } from "./a.js";' },
      {
        file: "a.ts",
        text: "/**\n * @example\n * ```ts\n * await a();\n * ```\n */\nexport async function a() {}\n/** No example. */\nexport async function b() {}",
      },
    ];
    expect(exportsWithoutExample(sources)).toEqual({ names: ["a", "b"], missing: ["b"] });
  });

  it("map package.json bin entries to their sources", () => {
    const dir = mkdtempSync(join(tmpdir(), "package-rules-bin-"));
    try {
      const write = (manifest: object) =>
        writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
      write({ name: "x", bin: { x: "./dist/bin.js", y: "dist/tools/y.js" } });
      expect(binSources(dir)).toEqual(["bin.ts", "tools/y.ts"]);
      write({ name: "x", bin: "./dist/cli.js" });
      expect(binSources(dir)).toEqual(["cli.ts"]);
      write({ name: "x" });
      expect(binSources(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

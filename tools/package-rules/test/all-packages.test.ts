import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { filesUsingMathRandom, indexProblems, moduleLevelWork, readSources } from "../src/index.js";

// The house rules a machine can check, over every published package: no Math.random in library
// code, nothing done on import, and an index that only re-exports by name.
const packagesDir = fileURLToPath(new URL("../../../packages", import.meta.url));

describe.each(readdirSync(packagesDir))("@backprop/%s", (name) => {
  const sources = readSources(join(packagesDir, name, "src"));

  it("never calls Math.random", () => {
    expect(filesUsingMathRandom(sources)).toEqual([]);
  });

  it("does no work on import (module level: imports, exports, declarations, inert constants)", () => {
    expect(moduleLevelWork(sources)).toEqual([]);
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
});

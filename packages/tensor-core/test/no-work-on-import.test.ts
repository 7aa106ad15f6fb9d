import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkKernels } from "../src/backends/wasm/load-wasm-backend.js";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("importing does nothing", () => {
  it("loads no tfjs module and creates no tensor until initBackend is called", () => {
    // The built entry point, imported by plain Node in a fresh process (`pnpm test` builds first).
    const entry = join(pkg, "dist", "index.js");
    expect(existsSync(entry), "packages/tensor-core is built").toBe(true);
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const tc = await import(${JSON.stringify(entry)});
      const loaded = Object.keys(require.cache).filter((k) => k.includes("@tensorflow"));
      const before = tc.memory().numTensors;
      await tc.initBackend({ backend: "wasm" });
      const after = Object.keys(require.cache).filter((k) => k.includes("@tensorflow")).length;
      console.log(JSON.stringify({ loaded: loaded.length, before, after }));`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout.trim().split("\n").pop()!);
    expect(report.loaded).toBe(0);
    expect(report.before).toBe(0);
    expect(report.after).toBeGreaterThan(0); // the probe really sees tfjs once it is loaded
  });
});

describe("kernel check at init", () => {
  it("names every kernel tfjs lacks", () => {
    const fake = {
      getKernel: (name: string) =>
        name === "MatMulFancy" || name === "Softmax3D" ? undefined : ({} as never),
    };
    expect(() => checkKernels(fake as never, ["Add", "MatMulFancy", "Softmax3D"])).toThrow(
      /Backend 'wasm': tfjs has no wasm kernel for MatMulFancy, Softmax3D/,
    );
    expect(() => checkKernels(fake as never, ["Add"])).not.toThrow();
  });
});

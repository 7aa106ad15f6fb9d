import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script, without declarations
import { compileKernels } from "../scripts/build-kernels.mjs";
import { KERNELS_WASM_BASE64 } from "../src/backends/wasm/kernels-binary.js";

// The WebAssembly module of backprop's own kernels is committed as base64; it must be exactly what
// the AssemblyScript sources compile to, and safe to instantiate on tfjs's memory.
describe("the committed kernel binary", () => {
  const bytes = Buffer.from(KERNELS_WASM_BASE64, "base64");

  it("is what scripts/build-kernels.mjs compiles from kernels/*.ts", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    expect((await compileKernels(root)).toString("base64")).toBe(KERNELS_WASM_BASE64);
  });

  it("imports only a memory, writes nothing into it on instantiation and starts nothing", () => {
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([
      { module: "env", name: "memory", kind: "memory" },
    ]);
    // Section ids: 8 = start, 11 = data. A data segment would overwrite tfjs's heap.
    const ids: number[] = [];
    let at = 8;
    while (at < bytes.length) {
      ids.push(bytes[at]!);
      at++;
      let size = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = bytes[at++]!;
        size |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      at += size;
    }
    expect(at).toBe(bytes.length);
    expect(ids).not.toContain(8);
    expect(ids).not.toContain(11);
  });
});

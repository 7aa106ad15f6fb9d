import { BackendError, InvalidOptionError } from "@backprop/errors";
import {
  getDefaultBackend,
  initBackend,
  isBackendReady,
  memory,
  setDefaultBackend,
  tensor,
  zeros,
} from "@backprop/tensor-core";
import { describe, expect, it } from "vitest";

// This file runs in its own module graph (vitest isolates files), so wasm starts uninitialised.
describe("initBackend", () => {
  it("reference is ready and the default before anything is initialised", () => {
    expect(getDefaultBackend()).toBe("reference");
    expect(isBackendReady("reference")).toBe(true);
    expect(isBackendReady("wasm")).toBe(false);
    expect(zeros([1]).dtype).toBe("float64");
  });

  it("using wasm before its init throws a BackendError that says what to call", () => {
    const use = () => tensor([1], { backend: "wasm" });
    expect(use).toThrow(BackendError);
    expect(use).toThrow('call `await initBackend({ backend: "wasm" })` first');
    expect(() => setDefaultBackend("wasm")).toThrow(BackendError);
  });

  it("rejects unknown backends", async () => {
    await expect(initBackend({ backend: "webgl" as never })).rejects.toThrow(InvalidOptionError);
  });

  it("initialises wasm once, with SIMD, and makes it the default", async () => {
    const info = await initBackend({ backend: "wasm" });
    expect(info.backend).toBe("wasm");
    expect(info.floatDType).toBe("float32");
    expect(info.wasm?.simd).toBe(true);
    expect(info.wasm?.tfjsVersion).toMatch(/^4\./);
    expect(getDefaultBackend()).toBe("wasm");
    expect(zeros([1]).dtype).toBe("float32");
    const again = await initBackend({ backend: "wasm" });
    expect(again.wasm).toEqual(info.wasm);
    expect(memory().backends.wasm).toBeDefined();
  });

  it("switching the default back and forth", async () => {
    await initBackend({ backend: "reference" });
    expect(getDefaultBackend()).toBe("reference");
    setDefaultBackend("wasm");
    expect(tensor([1]).backend).toBe("wasm");
  });
});

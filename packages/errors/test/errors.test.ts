import {
  BackendError,
  BackendMismatchError,
  BackpropError,
  DisposedError,
  DTypeError,
  InvalidOptionError,
  ShapeError,
} from "@backprop/errors";
import { describe, expect, it, vi } from "vitest";

describe("messages name the op, the argument, what was expected and what was given", () => {
  it("ShapeError", () => {
    const e = new ShapeError({
      op: "Dense.forward",
      argument: "x",
      expected: "[*, 784]",
      actual: [32, 785],
    });
    expect(e.message).toBe(
      "Argument 'x' passed to 'Dense.forward' must have shape [*, 784]; got [32, 785]",
    );
    expect(e).toMatchObject({ name: "ShapeError", code: "BACKPROP_SHAPE", op: "Dense.forward" });
    expect(e.actual).toEqual([32, 785]);
  });

  it("DTypeError", () => {
    const e = new DTypeError({
      op: "oneHot",
      argument: "indices",
      expected: "int32",
      actual: "float32",
    });
    expect(e.message).toBe(
      "Argument 'indices' passed to 'oneHot' must have dtype int32; got float32",
    );
  });

  it("InvalidOptionError renders NaN, strings and arrays", () => {
    const nan = new InvalidOptionError({
      op: "randomNormal",
      option: "std",
      value: Number.NaN,
      expected: "a finite number >= 0",
    });
    expect(nan.message).toBe(
      "Option 'std' of 'randomNormal' must be a finite number >= 0; got NaN",
    );
    const name = new InvalidOptionError({
      op: "initBackend",
      option: "backend",
      value: "gpu",
      expected: "'wasm' or 'reference'",
    });
    expect(name.message).toContain('got "gpu"');
  });

  it("BackendMismatchError says how to fix it", () => {
    const e = new BackendMismatchError({
      op: "add",
      argument: "b",
      expected: "wasm",
      actual: "reference",
    });
    expect(e.message).toContain('toBackend(t, "wasm")');
    expect(BackendError.isInstance(e)).toBe(true);
  });

  it("DisposedError", () => {
    expect(new DisposedError({ op: "add", argument: "a" }).message).toBe(
      "Argument 'a' passed to 'add' was already disposed",
    );
  });

  it("keeps the cause", () => {
    const cause = new Error("disk full");
    expect(new BackendError({ backend: "wasm", reason: "load failed", cause }).cause).toBe(cause);
  });
});

describe("isInstance", () => {
  it("follows the class hierarchy", () => {
    const e = new BackendMismatchError({
      op: "add",
      argument: "b",
      expected: "wasm",
      actual: "reference",
    });
    expect(BackpropError.isInstance(e)).toBe(true);
    expect(BackendError.isInstance(e)).toBe(true);
    expect(BackendMismatchError.isInstance(e)).toBe(true);
    expect(ShapeError.isInstance(e)).toBe(false);
    expect(BackpropError.isInstance(new Error("plain"))).toBe(false);
    expect(BackpropError.isInstance(null)).toBe(false);
    expect(BackpropError.isInstance("ShapeError")).toBe(false);
  });

  it("recognises errors from a second installed copy of the package", async () => {
    // Resetting the module registry makes the next import evaluate a fresh, separate copy of the
    // package, exactly as two installed copies of @backprop/errors would be.
    vi.resetModules();
    const copy = await import("@backprop/errors");
    expect(copy.ShapeError).not.toBe(ShapeError);
    const foreign = new copy.ShapeError({
      op: "matMul",
      argument: "b",
      expected: "[3, *]",
      actual: [4, 2],
    });
    expect(foreign instanceof ShapeError).toBe(false);
    expect(ShapeError.isInstance(foreign)).toBe(true);
    expect(BackpropError.isInstance(foreign)).toBe(true);
    expect(DTypeError.isInstance(foreign)).toBe(false);
    expect(
      copy.BackpropError.isInstance(
        new InvalidOptionError({ op: "x", option: "y", value: 1, expected: "2" }),
      ),
    ).toBe(true);
  });
});

describe("FormatError", () => {
  it("names the file, the byte offset and the entry", async () => {
    const { FormatError } = await import("@backprop/errors");
    const e = new FormatError({
      file: "m.safetensors",
      offset: 8,
      entry: "fc.weight",
      reason: "data_offsets out of range",
    });
    expect(e.message).toBe(
      "m.safetensors at byte 8 (entry 'fc.weight'): data_offsets out of range",
    );
    expect(new FormatError({ file: "x", reason: "bad" }).message).toBe("x: bad");
    expect(BackpropError.isInstance(e)).toBe(true);
  });
});

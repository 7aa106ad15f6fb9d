import { DTypeError, InvalidOptionError, ShapeError } from "@backprop/errors";
import { DEFAULT_H, numericalGradient } from "@backprop/gradcheck";
import {
  exp,
  matMul,
  memory,
  mul,
  scope,
  square,
  sum,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import { describe, expect, it } from "vitest";
import { withWasm } from "./wasm.js";

const ref = { backend: "reference" } as const;

function expectClose(actual: Tensor, expected: readonly number[], tol: number): void {
  const values = actual.dataSync();
  expect(values.length).toBe(expected.length);
  expected.forEach((e, i) => {
    expect(Math.abs(values[i]! - e), `element ${i}: ${values[i]} vs ${e}`).toBeLessThan(tol);
  });
}

describe("numericalGradient", () => {
  it("matches closed forms: Σx², Σexp(x), x·y", () => {
    scope(() => {
      const x = tensor([-1.5, 0.25, 2, 3.75], ref);
      // d/dx Σx² = 2x: the central difference of a quadratic is exact up to rounding.
      expectClose(
        numericalGradient((v) => sum(square(v)), x),
        [-3, 0.5, 4, 7.5],
        1e-9,
      );
      // d/dx Σexp(x) = exp(x): truncation error h²·e^x/6 ≈ 1e-9 at x = 3.75.
      const e = [-1.5, 0.25, 2, 3.75].map(Math.exp);
      expectClose(
        numericalGradient((v) => sum(exp(v)), x),
        e,
        1e-8,
      );
      // d(x·y)/dx = yᵀ for a row x and a column y, and f may return a plain number.
      const y = tensor([[2], [-3], [0.5]], ref);
      const row = tensor([[1, 4, -2]], ref);
      expectClose(
        numericalGradient((v) => matMul(v, y), row),
        [2, -3, 0.5],
        1e-9,
      );
      expectClose(
        numericalGradient((v) => sum(v).item() * 3, x),
        [3, 3, 3, 3],
        1e-9,
      );
    });
  });

  it("keeps the input's shape, on the reference backend in float64", () => {
    scope(() => {
      const x = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        ref,
      );
      const g = numericalGradient((v) => sum(mul(v, v)), x);
      expect(g.shape).toEqual([2, 3]);
      expect(g.dtype).toBe("float64");
      expect(g.backend).toBe("reference");
      expect(g.dataSync()).not.toBe(x.dataSync());
      expect(x.arraySync()).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
    });
  });

  it("uses h = 1e-5 by default and takes the book's h = 1e-4 on request", () => {
    expect(DEFAULT_H).toBe(1e-5);
    scope(() => {
      const x = tensor([0.5, 1], ref);
      const cube = (v: Tensor) => sum(mul(mul(v, v), v)); // f‴ = 6, truncation error = h²
      const fine = numericalGradient(cube, x).dataSync();
      const book = numericalGradient(cube, x, { h: 1e-4 }).dataSync();
      // 3x² plus the truncation error h² of the step used.
      expect(Math.abs(book[0]! - 0.75 - 1e-8)).toBeLessThan(1e-11);
      expect(Math.abs(fine[0]! - 0.75)).toBeLessThan(1e-9);
      expect(Math.abs(book[1]! - 3)).toBeGreaterThan(Math.abs(fine[1]! - 3));
    });
  });

  it("leaves exactly one tensor behind: the gradient", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      ref,
    );
    const before = memory().numTensors;
    const g = numericalGradient((v) => sum(exp(mul(v, 0.5))), x);
    expect(memory().numTensors).toBe(before + 1);
    g.dispose();
    expect(memory().numTensors).toBe(before);
    x.dispose();
  });

  it("leaks nothing when f throws", () => {
    const x = tensor([1, 2, 3], ref);
    const before = memory().numTensors;
    let calls = 0;
    expect(() =>
      numericalGradient((v) => {
        if (++calls === 3) throw new Error("boom");
        return sum(exp(v));
      }, x),
    ).toThrow("boom");
    expect(memory().numTensors).toBe(before);
    x.dispose();
  });

  it("rejects a non-scalar f, a bad step and a non-function f with typed errors", () => {
    scope(() => {
      const x = tensor([1, 2], ref);
      expect(() => numericalGradient((v) => v, x)).toThrow(ShapeError);
      expect(() => numericalGradient((v) => v, x)).toThrow(
        "Argument 'f(x)' passed to 'numericalGradient' must have shape with one element ([], [1], …); got [2]",
      );
      for (const h of [0, -1e-5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => numericalGradient((v) => sum(v), x, { h })).toThrow(InvalidOptionError);
      }
      expect(() => numericalGradient((() => "loss") as never, x)).toThrow(/'f\(x\)'/);
      expect(() => numericalGradient("f" as never, x)).toThrow(/Option 'f' of 'numericalGradient'/);
      expect(() => numericalGradient((v) => sum(v), [1, 2] as never)).toThrow(/Option 'x'/);
    });
  });

  it("rejects int32 tensors with a DTypeError naming x", () => {
    const labels = tensor([1, 2], { dtype: "int32", ...ref });
    expect(() => numericalGradient((v) => sum(v), labels)).toThrow(DTypeError);
    expect(() => numericalGradient((v) => sum(v), labels)).toThrow(
      "Argument 'x' passed to 'numericalGradient' must have dtype float64 (a float tensor on the 'reference' backend); got int32 on backend 'reference'",
    );
    labels.dispose();
  });

  withWasm("rejects a float32 tensor on the wasm backend with a DTypeError naming x", () => {
    const w = tensor([1, 2], { backend: "wasm" });
    try {
      expect(() => numericalGradient((v) => sum(v), w)).toThrow(DTypeError);
      expect(() => numericalGradient((v) => sum(v), w)).toThrow(
        /'x' passed to 'numericalGradient' must have dtype float64 .*; got float32 on backend 'wasm'. Gradient checks run in float64: copy the tensor with toBackend\(t, "reference"\)/,
      );
    } finally {
      w.dispose();
    }
  });
});

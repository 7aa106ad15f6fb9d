import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { numericalGradient } from "@backprop/gradcheck";
import {
  exp,
  initBackend,
  matMul,
  memory,
  mul,
  setDefaultBackend,
  sum,
  tensor,
} from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

const ref = { backend: "reference" } as const;

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-8): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(tol);
}

describe("numericalGradient", () => {
  beforeAll(async () => {
    await initBackend({ backend: "wasm" });
    setDefaultBackend("reference");
  });

  it("matches closed forms", () => {
    const x = tensor([-1.5, 0.25, 2], ref);
    expectAllClose(numericalGradient((v) => sum(mul(v, v)), x).dataSync(), [-3, 0.5, 4]);
    expectAllClose(
      numericalGradient((v) => sum(exp(v)), x).dataSync(),
      [-1.5, 0.25, 2].map(Math.exp),
    );
    const y = tensor([[2], [3]], ref);
    const row = tensor([[1, 4]], ref);
    // d(row·y)/drow = yᵀ
    expectAllClose(numericalGradient((v) => matMul(v, y), row).dataSync(), [2, 3]);
    // f may return a plain number
    expectAllClose(numericalGradient((v) => sum(v).item() * 3, x).dataSync(), [3, 3, 3]);
  });

  it("the book's h = 1e-4 works too", () => {
    const g = numericalGradient((v) => sum(mul(v, v)), tensor([3, 4], ref), { h: 1e-4 });
    expectAllClose(g.dataSync(), [6, 8], 1e-6);
  });

  it("leaks nothing", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      ref,
    );
    const before = memory().numTensors;
    numericalGradient((v) => sum(exp(v)), x).dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("rejects float32 inputs, non-scalar outputs and bad steps", () => {
    const w = tensor([1, 2], { backend: "wasm" });
    expect(() => numericalGradient((v) => sum(v), w)).toThrow(
      /float64 tensor on the 'reference' backend/,
    );
    expect(() => numericalGradient((v) => v, tensor([1, 2], ref))).toThrow(ShapeError);
    expect(() => numericalGradient((v) => sum(v), tensor([1], ref), { h: 0 })).toThrow(
      InvalidOptionError,
    );
    expect(() => numericalGradient((v) => "x" as never, tensor([1], ref))).toThrow(/'f'/);
  });
});

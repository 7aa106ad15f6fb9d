import {
  BackendError,
  BackendMismatchError,
  DisposedError,
  DTypeError,
  InvalidOptionError,
  ShapeError,
} from "@backprop/errors";
import { createRng } from "@backprop/random";
import * as tc from "@backprop/tensor-core";
import { tensor } from "@backprop/tensor-core";
import { expect, it } from "vitest";
import { describeEachBackend } from "../support/backends.js";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describeEachBackend("typed errors", (backend) => {
  const m23 = () =>
    tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);

  it("bad shapes: matMul inner dims, broadcasting, reshape, concat, tensor()", () => {
    const e = thrown(() => tc.matMul(m23(), m23()));
    expect(ShapeError.isInstance(e)).toBe(true);
    expect((e as ShapeError).message).toBe(
      "Argument 'b' passed to 'matMul' must have shape [3, *]; got [2, 3]. The inner dimensions of matMul must agree (a is [2, 3])",
    );
    expect(() => tc.matMul(tensor([1, 2]), m23())).toThrow(
      /Argument 'a' passed to 'matMul' must have shape a matrix/,
    );
    expect(() => tc.add(m23(), tensor([1, 2]))).toThrow(ShapeError);
    expect(() => tc.reshape(m23(), [4, 2])).toThrow(/must have shape a shape with 6 elements/);
    expect(() => tc.concat([m23(), tensor([[1, 2]])])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(/values\[1\]/);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError);
    expect(() => tensor([1, 2]).item()).toThrow(ShapeError);
  });

  it("NaN and out-of-range options name the option", () => {
    const e = thrown(() => tc.randomNormal([2], { rng: createRng(1), std: Number.NaN }));
    expect(InvalidOptionError.isInstance(e)).toBe(true);
    expect((e as InvalidOptionError).option).toBe("std");
    expect(() => tc.randomNormal([2], { rng: createRng(1), std: -1 })).toThrow(/'std'/);
    expect(() => tc.randomUniform([2], { rng: createRng(1), low: 2, high: 1 })).toThrow(/'high'/);
    expect(() => tc.randomNormal([2], { rng: undefined as never })).toThrow(/'rng'/);
    expect(() => tc.fill([2], Number.NaN)).toThrow(/'value'/);
    expect(() => tc.zeros([2, -1])).toThrow(/'shape'/);
    expect(() => tc.zeros([1.5])).toThrow(/'shape'/);
    expect(() => tc.sum(m23(), { axis: 2 })).toThrow(/'axis'/);
    expect(() => tc.softmax(m23(), { axis: -3 })).toThrow(/'axis'/);
    expect(() => tc.transpose(m23(), { perm: [0, 0] })).toThrow(/'perm'/);
    expect(() => tc.slice(m23(), [0, 2], [1, 2])).toThrow(/'size\[1\]'/);
    expect(() => tc.gather(m23(), [0, 2])).toThrow(/'indices\[1\]'/);
    expect(() => tc.clip(m23(), { min: 1, max: 0 })).toThrow(/'max'/);
    expect(() => tc.leakyRelu(m23(), { alpha: Number.NaN })).toThrow(/'alpha'/);
    expect(() => tc.oneHot(tensor([1], { dtype: "int32" }), 0)).toThrow(/'depth'/);
    expect(() => tc.max(tc.zeros([0]))).toThrow(/non-zero size/);
    expect(() => tc.add(1 as never, 2 as never)).toThrow(InvalidOptionError);
    expect(() => tc.add(m23(), "x" as never)).toThrow(/'b'/);
  });

  it("wrong dtypes", () => {
    const ints = tensor([1, 2], { dtype: "int32" });
    const e = thrown(() => tc.exp(ints));
    expect(DTypeError.isInstance(e)).toBe(true);
    expect((e as DTypeError).message).toContain("Argument 'x' passed to 'exp' must have dtype");
    expect(() => tc.add(ints, tensor([1, 2]))).toThrow(DTypeError);
    expect(() => tc.add(ints, 0.5)).toThrow(DTypeError);
    expect(() => tc.div(ints, ints)).toThrow(DTypeError);
    expect(() => tc.oneHot(tensor([1, 2]), 3)).toThrow(
      /'indices' passed to 'oneHot' must have dtype int32/,
    );
    expect(() => tc.logicalAnd(ints, ints)).toThrow(DTypeError);
    expect(() => tc.where(ints, ints, ints)).toThrow(/'condition'/);
    expect(() =>
      tc.matMul(tensor([[1]], { dtype: "int32" }), tensor([[1]], { dtype: "int32" })),
    ).toThrow(DTypeError);
    const foreign = backend === "wasm" ? "float64" : "float32";
    expect(() => tc.zeros([1], { dtype: foreign })).toThrow(DTypeError);
    expect(() => tc.zeros([1], { dtype: "complex64" as never })).toThrow(/'dtype'/);
  });

  it("mixed backends", () => {
    const other = backend === "wasm" ? "reference" : "wasm";
    const a = tensor([1, 2]);
    const b = tensor([1, 2], { backend: other });
    const e = thrown(() => tc.add(a, b));
    expect(BackendMismatchError.isInstance(e)).toBe(true);
    expect((e as Error).message).toContain(`toBackend(t, "${backend}")`);
    expect(() => tc.concat([a, b])).toThrow(BackendMismatchError);
    expect(() => tc.gather(tensor([[1]]), tensor([0], { dtype: "int32", backend: other }))).toThrow(
      BackendMismatchError,
    );
  });

  it("use after dispose", () => {
    const a = tensor([1, 2]);
    a.dispose();
    const e = thrown(() => tc.add(a, 1));
    expect(DisposedError.isInstance(e)).toBe(true);
    expect((e as Error).message).toBe("Argument 'a' passed to 'add' was already disposed");
    expect(() => a.dataSync()).toThrow(DisposedError);
    expect(() => tc.matMul(tensor([[1]]), a)).toThrow(
      /'b' passed to 'matMul' was already disposed/,
    );
  });

  it("bad arguments that are not tensors", () => {
    expect(() => tc.exp([1, 2] as never)).toThrow(/Option 'x' of 'exp' must be a Tensor/);
    expect(() => tc.tensor([1], { backend: "gpu" as never })).toThrow(/'backend'/);
    expect(() => BackendError).not.toThrow();
  });
});

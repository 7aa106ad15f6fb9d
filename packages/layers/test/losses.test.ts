import { MeanSquaredError, SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy } from "@backprop/layers";
import { initBackend, setDefaultBackend, tensor } from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
  setDefaultBackend("reference");
});

// The spec's reference values (chapter 4): one sample, true class 2.
const Y = [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0];
const Y7 = [0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0];
const T2 = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];

describe("the book's reference values", () => {
  it("MSE 0.0975 / 0.5975, with one-hot or class-index labels", () => {
    const mse = new MeanSquaredError();
    expect(mse.forward(tensor([Y]), tensor([T2])).item()).toBeCloseTo(0.0975, 12);
    expect(mse.forward(tensor([Y]), tensor([2], { dtype: "int32" })).item()).toBeCloseTo(
      0.0975,
      12,
    );
    expect(mse.forward(tensor([Y7]), tensor([T2])).item()).toBeCloseTo(0.5975, 12);
  });

  it("cross-entropy 0.5108 / 2.3026 (the book's CEE on probabilities: −log(0.6), −log(0.1))", () => {
    // SoftmaxCrossEntropy takes logits: log-probabilities as logits reproduce the book's CEE.
    const ce = new SoftmaxCrossEntropy();
    expect(
      ce
        .forward(tensor([Y.map((p) => Math.log(p + 1e-7))]), tensor([2], { dtype: "int32" }))
        .item(),
    ).toBeCloseTo(0.5108, 4);
    expect(
      ce.forward(tensor([Y7.map((p) => Math.log(p + 1e-7))]), tensor([T2])).item(),
    ).toBeCloseTo(2.3026, 4);
  });
});

describe("losses", () => {
  it("softmax cross-entropy is finite for huge logits and averages over the batch", () => {
    const ce = new SoftmaxCrossEntropy();
    const loss = ce
      .forward(
        tensor([
          [1e4, 0],
          [0, 1e4],
        ]),
        tensor([1, 1], { dtype: "int32" }),
      )
      .item();
    expect(loss).toBeCloseTo(5e3, 6);
    expect(ce.backward().arraySync()).toEqual([
      [0.5, -0.5],
      [0, 0],
    ]);
  });

  it("sigmoid BCE is stable and matches the formula", () => {
    const bce = new SigmoidBinaryCrossEntropy();
    const z = [-800, -1, 0, 2, 800];
    const t = [0, 1, 0, 1, 1];
    const expected =
      z.reduce(
        (s, v, i) => s + Math.max(v, 0) - v * t[i]! + Math.log1p(Math.exp(-Math.abs(v))),
        0,
      ) / z.length;
    expect(bce.forward(tensor([z]), tensor([t])).item()).toBeCloseTo(expected, 12);
  });

  it("typed errors for labels of the wrong shape or dtype", () => {
    const ce = new SoftmaxCrossEntropy();
    expect(() => ce.forward(tensor([[1, 2]]), tensor([0, 1], { dtype: "int32" }))).toThrow(/'t'/);
    expect(() => ce.forward(tensor([[1, 2]]), tensor([[1, 0, 0]]))).toThrow(/'t'/);
    expect(() => new MeanSquaredError().forward(tensor([[1]]), tensor([true]))).toThrow(/dtype/);
    expect(() => new SoftmaxCrossEntropy().backward()).toThrow(/forward pass first/);
  });
});

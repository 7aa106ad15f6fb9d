import { createRng } from "@backprop/random";
import * as tc from "@backprop/tensor-core";
import { dispose, keep, memory, scope, type Tensor, tensor, zeros } from "@backprop/tensor-core";
import { expect, it } from "vitest";
import { describeEachBackend, expectNoLeak } from "../support/backends.js";

/** One call of every public op; each is leak-tested on both backends. */
function everyOp(): Array<[string, () => unknown]> {
  const x = () =>
    tensor([
      [1, -2, 3],
      [-4, 5, -6],
    ]);
  const p = () =>
    tensor([
      [0.5, 2, 3],
      [4, 5, 6],
    ]);
  const i = () => tensor([2, 0], { dtype: "int32" });
  const b = () => tensor([true, false, true]);
  return [
    ["tensor", () => x()],
    ["scalar", () => tc.scalar(1)],
    ["fill", () => tc.fill([2, 2], 3)],
    ["zeros", () => tc.zeros([3])],
    ["ones", () => tc.ones([3])],
    ["zerosLike", () => tc.zerosLike(x())],
    ["onesLike", () => tc.onesLike(x())],
    ["arange", () => tc.arange(5)],
    ["randomNormal", () => tc.randomNormal([3, 3], { rng: createRng(1) })],
    ["randomUniform", () => tc.randomUniform([3, 3], { rng: createRng(1) })],
    ["cast", () => tc.cast(x(), "int32")],
    ["toBackend", () => tc.toBackend(x(), "reference")],
    ...(["neg", "abs", "sign", "square", "exp", "sigmoid", "tanh", "relu", "step"] as const).map(
      (name) => [name, () => (tc[name] as (t: Tensor) => Tensor)(x())] as [string, () => unknown],
    ),
    ...(["log", "log1p", "sqrt", "rsqrt", "reciprocal"] as const).map(
      (name) => [name, () => (tc[name] as (t: Tensor) => Tensor)(p())] as [string, () => unknown],
    ),
    ["leakyRelu", () => tc.leakyRelu(x())],
    ["clip", () => tc.clip(x(), { min: -1, max: 1 })],
    ...(["add", "sub", "mul", "div", "pow", "maximum", "minimum"] as const).flatMap((name) => [
      [name, () => tc[name](p(), p())] as [string, () => unknown],
      [`${name} broadcast + scalar`, () => tc[name](tc[name](p(), tensor([1, 2, 3])), 2)] as [
        string,
        () => unknown,
      ],
    ]),
    ...(["equal", "notEqual", "greater", "greaterEqual", "less", "lessEqual"] as const).map(
      (name) => [name, () => tc[name](x(), 0)] as [string, () => unknown],
    ),
    ["logicalAnd", () => tc.logicalAnd(b(), b())],
    ["logicalOr", () => tc.logicalOr(b(), b())],
    ["logicalNot", () => tc.logicalNot(b())],
    ["where", () => tc.where(tc.greater(x(), 0), x(), 0)],
    ["sum", () => tc.sum(x(), { axis: 1, keepDims: true })],
    ["mean", () => tc.mean(x(), { axis: [0, 1] })],
    ["max", () => tc.max(x(), { axis: 0 })],
    ["min", () => tc.min(x())],
    ["argMax", () => tc.argMax(x())],
    ["argMin", () => tc.argMin(x(), { axis: 0 })],
    ["softmax", () => tc.softmax(x())],
    ["softmax axis 0", () => tc.softmax(x(), { axis: 0 })],
    ["logSoftmax", () => tc.logSoftmax(x())],
    ["logSumExp", () => tc.logSumExp(x(), { keepDims: true })],
    ["matMul", () => tc.matMul(x(), tc.transpose(x()))],
    ["matMulTN", () => tc.matMulTN(x(), x())],
    ["matMulNT", () => tc.matMulNT(x(), x())],
    ["addScaled", () => tc.addScaled(x(), p(), -0.5)],
    ["movingAverage", () => tc.movingAverage(x(), p(), { decay: 0.9, scale: 2 })],
    [
      "adamUpdate",
      () =>
        tc.adamUpdate(x(), x(), x(), p(), { beta1: 0.9, beta2: 0.99, stepSize: 0.1, eps: 1e-8 }),
    ],
    [
      "batchNormForward",
      () => tc.batchNormForward(x(), tensor([1, 2, 3]), tensor([0, 1, 0]), { eps: 1e-5 }),
    ],
    [
      "batchNormBackward",
      () => tc.batchNormBackward(x(), p(), tensor([1, 2, 3]), tensor([1, 0.5, 2])),
    ],
    ["affine", () => tc.affine(x(), tc.transpose(x()), tensor([1, 2]))],
    [
      "affineBackward",
      () => tc.affineBackward(x(), tc.transpose(x()), tc.matMul(x(), tc.transpose(x()))),
    ],
    ["reluBackward", () => tc.reluBackward(x(), p())],
    ["softmaxCrossEntropy", () => tc.softmaxCrossEntropy(x(), i())],
    ["softmaxCrossEntropy groups", () => tc.softmaxCrossEntropy(x(), p(), { groups: 2 })],
    ["transpose", () => tc.transpose(x())],
    ["reshape", () => tc.reshape(x(), [3, -1])],
    ["flatten", () => tc.flatten(x())],
    ["slice", () => tc.slice(x(), [0, 1], [2, 1])],
    ["gather", () => tc.gather(x(), i(), { axis: 1 })],
    ["gatherRows (array indices)", () => tc.gatherRows(x(), [1, 0, 1])],
    ["concat", () => tc.concat([x(), x()], { axis: 1 })],
    ["oneHot", () => tc.oneHot(i(), 4)],
  ];
}

describeEachBackend("memory", () => {
  for (const [name, run] of everyOp()) {
    it(`${name} leaks nothing (inside a scope)`, () => {
      expectNoLeak(() => {
        scope(() => {
          run();
        });
      });
    });
  }

  it("every public op is in the leak table", () => {
    const covered = new Set(everyOp().map(([name]) => name.split(" ")[0]));
    const ops = Object.entries(tc)
      .filter(([, v]) => typeof v === "function" && v !== tc.Tensor)
      .map(([k]) => k)
      .filter(
        (k) =>
          ![
            "initBackend",
            "setDefaultBackend",
            "getDefaultBackend",
            "isBackendReady",
            "memory",
            "scope",
            "keep",
            "dispose",
          ].includes(k),
      );
    expect(ops.filter((op) => !covered.has(op))).toEqual([]);
  });

  it("scope disposes intermediates and keeps what it returns (also nested in objects)", () => {
    const x = tensor([1, 2, 3]);
    const before = memory().numTensors;
    const out = scope(() => {
      const y = tc.mul(x, 2);
      const z = tc.add(y, 1);
      return { z, list: [tc.exp(z)], map: new Map([["s", tc.sum(z)]]) };
    });
    expect(memory().numTensors - before).toBe(3);
    expect(out.z.arraySync()).toEqual([3, 5, 7]);
    expect(x.isDisposed).toBe(false);
    dispose(out);
    expect(memory().numTensors).toBe(before);
  });

  it("nested scopes hand returned tensors to the parent", () => {
    const before = memory().numTensors;
    const inner = scope(() => {
      const kept = scope(() => tc.add(zeros([2]), 1));
      tc.mul(kept, 3);
      return kept;
    });
    expect(inner.isDisposed).toBe(false);
    expect(memory().numTensors - before).toBe(1);
    inner.dispose();
  });

  it("keep exempts a tensor from scope disposal; an error inside a scope still cleans up", () => {
    const before = memory().numTensors;
    let w: Tensor | undefined;
    scope(() => {
      w = keep(zeros([3]));
      zeros([4]);
    });
    expect(w?.isDisposed).toBe(false);
    expect(memory().numTensors - before).toBe(1);
    w?.dispose();
    expect(() =>
      scope(() => {
        zeros([5]);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(memory().numTensors).toBe(before);
  });

  it("dispose is idempotent and memory counts bytes", () => {
    const t = zeros([10, 10]);
    const bytes = memory().numBytes;
    t.dispose();
    t.dispose();
    expect(bytes - memory().numBytes).toBe(100 * (t.dtype === "float64" ? 8 : 4));
  });

  it("scope refuses async functions", () => {
    expect(() => scope((async () => zeros([1])) as never)).toThrow(/synchronous/);
  });
});

import { assertGradients, PropertyFailedError, runProperty, seedArb } from "@backprop/gradcheck";
import { BatchNorm, Dense, Dropout, ReLU, Sequential, SoftmaxCrossEntropy } from "@backprop/layers";
import { createRng } from "@backprop/random";
import {
  cast,
  greaterEqual,
  mul,
  randomNormal,
  randomUniform,
  setDefaultBackend,
  sub,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLayer, checkNetwork } from "./support.js";

fc.configureGlobal({ seed: 31337, numRuns: 25 });

beforeAll(() => setDefaultBackend("reference"));

const batchArb = fc.record({
  n: fc.integer({ min: 2, max: 6 }),
  f: fc.integer({ min: 1, max: 5 }),
  seed: seedArb(),
});

function input(n: number, f: number, seed: number): Tensor {
  return randomNormal([n, f], { rng: createRng(seed), mean: 0.5, std: 2 });
}

test.prop([batchArb])(
  "BatchNorm (training): input, γ and β gradients through the full graph",
  ({ n, f, seed }) => {
    const bn = new BatchNorm(f, { name: "bn" });
    bn.params.set("bn.gamma", randomNormal([f], { rng: createRng(seed + 7), mean: 1, std: 0.5 }));
    assertGradients(checkLayer(bn, input(n, f, seed), seed));
  },
);

test.prop([batchArb])(
  "BatchNorm (eval): gradients with the running statistics",
  ({ n, f, seed }) => {
    const bn = new BatchNorm(f, { name: "bn" });
    bn.forward(input(n, f, seed + 1), { training: true });
    assertGradients(checkLayer(bn, input(n, f, seed), seed, false));
  },
);

/** The notes' kind of bug: dx without the mean branch of the graph (the −mean(dx̂) term). */
class BatchNormWithoutMeanBranch extends BatchNorm {
  protected override inputGradient(
    dy: Tensor,
    xn: Tensor,
    scale: Tensor,
    _meanDy: Tensor,
    meanDyXn: Tensor,
  ): Tensor {
    return mul(sub(dy, mul(xn, meanDyXn)), scale);
  }
}

describe("mutation: a BatchNorm backward that drops the mean branch", () => {
  it("fails the gradient property and shrinks to a tiny batch", () => {
    const result = runProperty(
      batchArb,
      ({ n, f, seed }) =>
        assertGradients(
          checkLayer(new BatchNormWithoutMeanBranch(f, { name: "bn" }), input(n, f, seed), seed),
        ),
      { seed: 5, numRuns: 50 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample!.n).toBe(2);
    expect(result.counterexample!.f).toBe(1);
    expect(new PropertyFailedError(result).message).toContain("'x'");
    expect(result.report?.ok).toBe(false);
    expect(result.numShrinks).toBeGreaterThan(0);
  });
});

describe("BatchNorm conventions", () => {
  const batches = [0, 1, 2, 3].map((i) => input(4, 3, 100 + i));

  function runningAfter(bn: BatchNorm): { mean: number[]; variance: number[] } {
    for (const b of batches) bn.forward(b, { training: true });
    return {
      mean: Array.from(bn.runningMean.dataSync()),
      variance: Array.from(bn.runningVar.dataSync()),
    };
  }

  it("torch momentum 0.1 and keras/book momentum 0.9 are the same average, exactly", () => {
    const torch = runningAfter(new BatchNorm(3, { momentum: 0.1 }));
    const keras = runningAfter(new BatchNorm(3, { momentum: 0.9, momentumForm: "keras" }));
    torch.mean.forEach((v, i) => {
      expect(v).toBeCloseTo(keras.mean[i]!, 14);
    });
    torch.variance.forEach((v, i) => {
      expect(v).toBeCloseTo(keras.variance[i]!, 14);
    });
  });

  it("unbiased = biased · N/(N−1) from a zero start; ones and zeros starts differ by (1 − m)ᵏ", () => {
    const biased = runningAfter(
      new BatchNorm(3, { runningVar: "biased", runningVarInit: "zeros" }),
    );
    const unbiased = runningAfter(
      new BatchNorm(3, { runningVar: "unbiased", runningVarInit: "zeros" }),
    );
    biased.variance.forEach((v, i) => {
      expect(unbiased.variance[i]).toBeCloseTo((v * 4) / 3, 13);
    });
    const ones = runningAfter(new BatchNorm(3, { runningVar: "biased", runningVarInit: "ones" }));
    biased.variance.forEach((v, i) => {
      expect(ones.variance[i]! - v).toBeCloseTo(0.9 ** 4, 13);
    });
  });

  it("the book preset: momentum 0.9 (keras form), biased variance from zeros, eps 1e-6", () => {
    const bn = new BatchNorm(2, { preset: "book" });
    expect(bn).toMatchObject({
      momentum: 0.9,
      momentumForm: "keras",
      eps: 1e-6,
      runningVarMode: "biased",
    });
    bn.forward(
      tensor([
        [1, 10],
        [3, 30],
      ]),
      { training: true },
    );
    const runningMean = bn.runningMean.dataSync();
    expect(runningMean[0]).toBeCloseTo(0.2, 14);
    expect(runningMean[1]).toBeCloseTo(2, 14);
    expect(bn.runningVar.dataSync()[0]).toBeCloseTo(0.1, 14);
    const torch = new BatchNorm(2);
    expect(torch).toMatchObject({
      momentum: 0.1,
      momentumForm: "torch",
      eps: 1e-5,
      runningVarMode: "unbiased",
    });
  });

  it("normalises in training and uses running statistics in eval", () => {
    const bn = new BatchNorm(2, { name: "bn1" });
    const y = bn
      .forward(
        tensor([
          [1, 10],
          [3, 30],
        ]),
        { training: true },
      )
      .arraySync() as number[][];
    expect(y[0]![0]).toBeCloseTo(-1, 4);
    expect(y[1]![1]).toBeCloseTo(1, 4);
    bn.setRunningStats(tensor([1, 2]), tensor([4, 9]));
    const e = bn.forward(tensor([[3, 5]])).arraySync() as number[][];
    expect(e[0]![0]).toBeCloseTo(2 / Math.sqrt(4 + 1e-5), 12);
    expect(e[0]![1]).toBeCloseTo(3 / Math.sqrt(9 + 1e-5), 12);
    expect(() => bn.forward(tensor([[1, 2, 3]]))).toThrow(/\[\*, 2\]/);
  });
});

describe("Dropout", () => {
  it("inverted (default): masks and scales by 1/(1−p) in training, identity in eval", () => {
    const drop = new Dropout({ ratio: 0.25, rng: createRng(2) });
    const x = tensor(new Array(4000).fill(1), { shape: [40, 100] });
    const y = Array.from(drop.forward(x, { training: true }).dataSync());
    expect(new Set(y)).toEqual(new Set([0, 1 / 0.75]));
    const kept = y.filter((v) => v !== 0).length / y.length;
    expect(Math.abs(kept - 0.75)).toBeLessThan(0.03);
    expect(
      drop
        .forward(x)
        .dataSync()
        .every((v) => v === 1),
    ).toBe(true);
  });

  it("the book's mode scales at test time; the same seed drops the same units", () => {
    const a = new Dropout({ ratio: 0.5, rng: createRng(9), mode: "book" });
    const b = new Dropout({ ratio: 0.5, rng: createRng(9), mode: "book" });
    const x = tensor([[1, 2, 3, 4, 5, 6]]);
    expect(a.forward(x, { training: true }).arraySync()).toEqual(
      b.forward(x, { training: true }).arraySync(),
    );
    expect(a.forward(x).arraySync()).toEqual([[0.5, 1, 1.5, 2, 2.5, 3]]);
    expect(() => new Dropout({ ratio: 1, rng: createRng(0) })).toThrow(/'ratio'/);
  });

  test.prop([batchArb])(
    "gradient with a fixed mask (inverted and book modes)",
    ({ n, f, seed }) => {
      for (const mode of ["inverted", "book"] as const) {
        const drop = new Dropout({ ratio: 0.3, rng: createRng(seed), mode });
        drop.fixMask(
          cast(greaterEqual(randomUniform([n, f], { rng: createRng(seed + 1) }), 0.3), "float"),
        );
        assertGradients(checkLayer(drop, input(n, f, seed), seed));
      }
    },
  );
});

test.prop([seedArb(), fc.double({ min: 0.01, max: 0.3, noNaN: true })], { numRuns: 6 })(
  "a 5-hidden-layer net with BatchNorm + Dropout (fixed masks) + weight decay",
  (seed, lambda) => {
    const rng = createRng(seed);
    const batch = 4;
    const widths = [3, 5, 5, 5, 5, 5];
    const layers = widths.slice(1).flatMap((w, i) => {
      const drop = new Dropout({ name: `drop${i + 1}`, ratio: 0.2, rng });
      drop.fixMask(cast(greaterEqual(randomUniform([batch, w], { rng }), 0.2), "float"));
      return [
        new Dense(widths[i]!, w, { name: `affine${i + 1}`, rng, init: "he" }),
        new BatchNorm(w, { name: `bn${i + 1}` }),
        new ReLU({ name: `relu${i + 1}` }),
        drop,
      ];
    });
    const net = new Sequential([...layers, new Dense(5, 3, { name: "out", rng, init: "he" })], {
      loss: new SoftmaxCrossEntropy(),
      weightDecay: lambda,
    });
    const x = randomNormal([batch, 3], { rng: createRng(seed + 1) });
    const t = tensor([0, 1, 2, 1], { dtype: "int32" });
    const report = checkNetwork(net, x, t);
    assertGradients(report);
    expect(report.tensors.map((r) => r.name)).toContain("bn3.gamma");
  },
);

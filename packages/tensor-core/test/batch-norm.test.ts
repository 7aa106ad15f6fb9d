import {
  add,
  batchNormBackward,
  batchNormForward,
  div,
  initBackend,
  mean,
  memory,
  mul,
  scope,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, expectClose } from "./support/backends.js";

// batchNormForward/Backward: the values of the composed ops, bit for bit, on both backends (the
// reference backend composes; wasm runs one fused SIMD kernel each way), and the textbook values.

const composedForward = (x: Tensor, gamma: Tensor, beta: Tensor, eps: number) => {
  const mu = mean(x, { axis: 0 });
  const xc = sub(x, mu);
  const variance = mean(square(xc), { axis: 0 });
  const std = sqrt(add(variance, eps));
  const normalized = div(xc, std);
  return { y: add(mul(normalized, gamma), beta), normalized, std, mean: mu, variance };
};

const composedBackward = (dy: Tensor, xn: Tensor, gamma: Tensor, std: Tensor) => {
  const n = dy.shape[0]!;
  const dbeta = sum(dy, { axis: 0 });
  const dgamma = sum(mul(dy, xn), { axis: 0 });
  const scale = div(gamma, std);
  const dx = mul(sub(sub(dy, mul(dbeta, 1 / n)), mul(xn, mul(dgamma, 1 / n))), scale);
  return { dx, dgamma, dbeta };
};

const values = (length: number, scale: number) =>
  fc.float32Array({
    minLength: length,
    maxLength: length,
    noNaN: true,
    noDefaultInfinity: true,
    min: -scale,
    max: scale,
  });

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

describe.each(BACKENDS)("batch norm [%s]", (backend) => {
  const t = (v: Float32Array | number[], shape: number[]) => tensor(v, { shape, backend });

  it("normalises each column of a batch and scales and shifts it", () => {
    const x = t([1, 10, 3, 30, 5, 50], [3, 2]);
    const r = batchNormForward(x, t([2, 1], [2]), t([0, 1], [2]), { eps: 1e-5 });
    const s = Math.sqrt(8 / 3 + 1e-5);
    expectClose(r.mean, [3, 30]);
    expectClose(r.variance, [8 / 3, 800 / 3]);
    expectClose(r.normalized, [
      [-2 / s, -20 / Math.sqrt(800 / 3 + 1e-5)],
      [0, 0],
      [2 / s, 20 / Math.sqrt(800 / 3 + 1e-5)],
    ]);
    expectClose(r.y, [
      [(-2 / s) * 2, -20 / Math.sqrt(800 / 3 + 1e-5) + 1],
      [0, 1],
      [(2 / s) * 2, 20 / Math.sqrt(800 / 3 + 1e-5) + 1],
    ]);
  });

  it("gives the composed ops' values bit for bit, forward and backward, on random batches", () => {
    const cases = fc
      .record({ n: fc.integer({ min: 2, max: 13 }), d: fc.integer({ min: 1, max: 11 }) })
      .chain(({ n, d }) =>
        fc.record({
          n: fc.constant(n),
          d: fc.constant(d),
          x: values(n * d, 50),
          dy: values(n * d, 2),
          gamma: values(d, 3),
          beta: values(d, 3),
          eps: fc.constantFrom(1e-5, 1e-6, 0.5),
        }),
      );
    fc.assert(
      fc.property(cases, ({ n, d, x, dy, gamma, beta, eps }) => {
        const before = memory().numTensors;
        scope(() => {
          const [tx, tdy, tg, tb] = [t(x, [n, d]), t(dy, [n, d]), t(gamma, [d]), t(beta, [d])];
          const fused = batchNormForward(tx, tg, tb, { eps });
          const plain = composedForward(tx, tg, tb, eps);
          for (const key of ["y", "normalized", "std", "mean", "variance"] as const) {
            expect(fused[key].dataSync(), key).toEqual(plain[key].dataSync());
          }
          const grads = batchNormBackward(tdy, fused.normalized, tg, fused.std);
          const plainGrads = composedBackward(tdy, fused.normalized, tg, fused.std);
          for (const key of ["dx", "dgamma", "dbeta"] as const) {
            expect(grads[key].dataSync(), key).toEqual(plainGrads[key].dataSync());
          }
        });
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 424242, numRuns: backend === "wasm" ? 200 : 60 },
    );
  });

  it("a batch of one: x̂ is zero and the gradient through μ and σ² cancels", () => {
    const r = batchNormForward(t([4, 5], [1, 2]), t([1, 1], [2]), t([0.5, 0], [2]), { eps: 1e-5 });
    expectClose(r.y, [[0.5, 0]]);
    const g = batchNormBackward(t([3, 7], [1, 2]), r.normalized, t([1, 1], [2]), r.std);
    expectClose(g.dx, [[0, 0]]);
    expectClose(g.dbeta, [3, 7]);
  });

  it("names the argument at fault", () => {
    const x = t([1, 2, 3, 4], [2, 2]);
    expect(() => batchNormForward(x, t([1], [1]), t([0, 0], [2]), { eps: 1e-5 })).toThrow(
      "Argument 'gamma' passed to 'batchNormForward' must have shape [2]; got [1]",
    );
    expect(() => batchNormForward(x, t([1, 1], [2]), t([0, 0], [2]), { eps: 0 })).toThrow(/eps/);
    expect(() =>
      batchNormForward(t([1, 2], [2]), t([1, 1], [2]), t([0, 0], [2]), { eps: 1e-5 }),
    ).toThrow(/'x' passed to 'batchNormForward' must have shape a matrix/);
    expect(() =>
      batchNormBackward(x, t([1, 2, 3, 4, 5, 6], [3, 2]), t([1, 1], [2]), t([1, 1], [2])),
    ).toThrow(/'normalized' passed to 'batchNormBackward' must have shape \[2, 2\]/);
  });
});

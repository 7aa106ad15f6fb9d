import {
  initBackend,
  logSoftmax,
  mean,
  memory,
  mul,
  neg,
  oneHot,
  scope,
  softmax,
  softmaxCrossEntropy,
  sub,
  sum,
  tensor,
} from "@backprop/tensor-core";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "./support/backends.js";

// softmaxCrossEntropy: loss and gradient of softmax + cross-entropy in one call. Checked against a
// float64 evaluation in plain JS (to float32 rounding on wasm, whose kernel computes each row in
// float64 and rounds once; to 1e-12 on the float64 reference backend) and, on every backend,
// against the composed ops it replaces.

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

/** Loss and gradient in float64, straight from the definition. */
function exact(
  y: Float32Array,
  n: number,
  classes: number,
  target: (i: number, k: number) => number,
) {
  const gradient = new Float64Array(n * classes);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const row = Array.from(y.subarray(i * classes, (i + 1) * classes));
    const mu = Math.max(...row);
    const s = row.reduce((acc, v) => acc + Math.exp(v - mu), 0);
    for (let k = 0; k < classes; k++) {
      const logp = row[k]! - mu - Math.log(s);
      loss -= target(i, k) * logp;
      gradient[i * classes + k] = (Math.exp(logp) - target(i, k)) / n;
    }
  }
  return { loss: loss / n, gradient };
}

const batches = fc
  .record({ n: fc.integer({ min: 1, max: 23 }), classes: fc.integer({ min: 1, max: 13 }) })
  .chain(({ n, classes }) =>
    fc.record({
      n: fc.constant(n),
      classes: fc.constant(classes),
      y: fc.float32Array({
        minLength: n * classes,
        maxLength: n * classes,
        noNaN: true,
        noDefaultInfinity: true,
        min: -30,
        max: 30,
      }),
      labels: fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: n, maxLength: n }),
    }),
  );

describe.each(BACKENDS)("softmaxCrossEntropy [%s]", (backend) => {
  const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number) => {
    const tol = backend === "wasm" ? 3e-7 : 1e-12;
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(tol * scale);
    }
  };

  it("gives the book's value and (softmax − t)/n", () => {
    const { loss, gradient } = softmaxCrossEntropy(
      tensor([[2, 1, 0.1]], { backend }),
      tensor([0], { dtype: "int32", backend }),
    );
    expect(loss.shape).toEqual([]);
    expect(loss.item()).toBeCloseTo(0.417, 3);
    const g = [...gradient.dataSync()];
    for (const [i, v] of [0.659 - 1, 0.2424, 0.0986].entries()) expect(g[i]).toBeCloseTo(v, 3);
  });

  it("matches float64 and the composed ops for class indices and for float targets", () => {
    fc.assert(
      fc.property(batches, ({ n, classes, y, labels }) => {
        const before = memory().numTensors;
        scope(() => {
          const ty = tensor(y, { shape: [n, classes], backend });
          const tl = tensor(labels, { dtype: "int32", backend });
          const want = exact(y, n, classes, (i, k) => (labels[i] === k ? 1 : 0));
          const got = softmaxCrossEntropy(ty, tl);
          const scale = Math.max(1, Math.abs(want.loss));
          close([got.loss.item()], [want.loss], scale);
          close(got.gradient.dataSync(), want.gradient, 1 / n);
          // The same with the one-hot rows given as float targets.
          const rows = oneHot(tl, classes, { dtype: "float" });
          const asRows = softmaxCrossEntropy(ty, rows);
          close([asRows.loss.item()], [want.loss], scale);
          close(asRows.gradient.dataSync(), want.gradient, 1 / n);
          // The composed ops it replaces.
          const composedLoss = neg(mean(sum(mul(rows, logSoftmax(ty)), { axis: 1 })));
          const composedGrad = mul(sub(softmax(ty), rows), 1 / n);
          const tol = backend === "wasm" ? 2e-6 : 0;
          expect(Math.abs(got.loss.item() - composedLoss.item())).toBeLessThanOrEqual(tol * scale);
          const g = got.gradient.dataSync();
          const c = composedGrad.dataSync();
          for (let i = 0; i < g.length; i++) {
            expect(Math.abs(g[i]! - c[i]!)).toBeLessThanOrEqual(tol / n);
          }
        });
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 21, numRuns: 80 },
    );
  });

  it("scores groups of rows separately, each as the same rows alone", () => {
    const y = tensor(
      [
        [1, 2, 3],
        [0, 0, 5],
        [4, 1, 1],
        [2, 2, 2],
      ],
      { backend },
    );
    const t = tensor([2, 0, 0, 1], { dtype: "int32", backend });
    const { loss } = softmaxCrossEntropy(y, t, { groups: 2 });
    expect(loss.shape).toEqual([2]);
    const first = exact(new Float32Array([1, 2, 3, 0, 0, 5]), 2, 3, (i, k) =>
      [2, 0][i] === k ? 1 : 0,
    );
    const second = exact(new Float32Array([4, 1, 1, 2, 2, 2]), 2, 3, (i, k) =>
      [0, 1][i] === k ? 1 : 0,
    );
    close(loss.dataSync(), [first.loss, second.loss], 10);
  });

  it("stays finite for huge logits and treats an out-of-range label as a zero target", () => {
    const { loss, gradient } = softmaxCrossEntropy(
      tensor(
        [
          [1e4, 0],
          [0, 0],
        ],
        { backend },
      ),
      tensor([1, 7], { dtype: "int32", backend }),
    );
    expect(loss.item()).toBeCloseTo(1e4 / 2, 0);
    close(gradient.dataSync(), [0.5, -0.5, 0.25, 0.25], 1);
  });

  it("names the argument at fault", () => {
    const y = tensor([[1, 2]], { backend });
    expect(() => softmaxCrossEntropy(y, tensor([1, 0], { dtype: "int32", backend }))).toThrow(
      "Argument 't' passed to 'softmaxCrossEntropy' must have shape class indices [1]; got [2]",
    );
    expect(() => softmaxCrossEntropy(y, tensor([[1, 0, 0]], { backend }))).toThrow(/'t' passed/);
    expect(() => softmaxCrossEntropy(y, tensor([true], { dtype: "bool", backend }))).toThrow(
      /bool/,
    );
    expect(() =>
      softmaxCrossEntropy(tensor([1, 2], { backend }), tensor([0], { dtype: "int32", backend })),
    ).toThrow(/'y' passed/);
    expect(() =>
      softmaxCrossEntropy(y, tensor([0], { dtype: "int32", backend }), { groups: 2 }),
    ).toThrow(/groups/);
  });
});

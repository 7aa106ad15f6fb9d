import {
  add,
  affine,
  affineBackward,
  initBackend,
  matMul,
  matMulNT,
  matMulTN,
  memory,
  mul,
  relu,
  reluBackward,
  scope,
  step,
  sum,
  tensor,
} from "@backprop/tensor-core";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, expectClose } from "./support/backends.js";

// affine, affineBackward and reluBackward: the dense layer's passes and the ReLU mask, each the
// values of the composed ops bit for bit on both backends (the reference backend composes; wasm
// runs one SIMD kernel per call, with tiles, column sums and scalar tails for every shape).

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

const values = (length: number) =>
  fc.float32Array({
    minLength: length,
    maxLength: length,
    noNaN: true,
    noDefaultInfinity: true,
    min: -8,
    max: 8,
  });

/** Shapes [m, k] and [k, n] from 1 to 37 (every tile and tail), with values for x, W, b and dy. */
const operands = fc
  .record({
    m: fc.integer({ min: 1, max: 37 }),
    k: fc.integer({ min: 1, max: 37 }),
    n: fc.integer({ min: 1, max: 37 }),
  })
  .chain(({ m, k, n }) =>
    fc.record({
      m: fc.constant(m),
      k: fc.constant(k),
      n: fc.constant(n),
      x: values(m * k),
      w: values(k * n),
      b: values(n),
      dy: values(m * n),
    }),
  );

describe.each(BACKENDS)("affine [%s]", (backend) => {
  it("computes x·W + b", () => {
    const x = tensor([[1, 2]], { backend });
    const w = tensor(
      [
        [1, 0, 2],
        [0, 1, 3],
      ],
      { backend },
    );
    expectClose(affine(x, w, tensor([10, 20, 30], { backend })), [[11, 22, 38]]);
    expectClose(affine(x, w), [[1, 2, 8]]);
  });

  it("equals add(matMul(x, w), b) and its relu bit for bit, with and without the bias", () => {
    fc.assert(
      fc.property(operands, ({ m, k, n, x, w, b }) => {
        const before = memory().numTensors;
        scope(() => {
          const tx = tensor(x, { shape: [m, k], backend });
          const tw = tensor(w, { shape: [k, n], backend });
          const tb = tensor(b, { shape: [n], backend });
          expect(affine(tx, tw, tb).dataSync()).toEqual(add(matMul(tx, tw), tb).dataSync());
          expect(affine(tx, tw).dataSync()).toEqual(matMul(tx, tw).dataSync());
          const activated = affine(tx, tw, tb, { activation: "relu" }).dataSync();
          expect(activated).toEqual(relu(add(matMul(tx, tw), tb)).dataSync());
          const noBias = affine(tx, tw, undefined, { activation: "relu" }).dataSync();
          expect(noBias).toEqual(relu(matMul(tx, tw)).dataSync());
        });
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it("gives an empty batch an empty output", () => {
    const y = affine(
      tensor(new Float32Array(0), { shape: [0, 3], backend }),
      tensor([[1], [2], [3]], { backend }),
    );
    expect(y.shape).toEqual([0, 1]);
  });

  it("names the argument at fault", () => {
    const x = tensor([[1, 2]], { backend });
    expect(() => affine(x, tensor([[1, 2, 3]], { backend }))).toThrow(
      "Argument 'w' passed to 'affine' must have shape [2, *]; got [1, 3]",
    );
    expect(() => affine(x, tensor([[1], [2]], { backend }), tensor([1, 2], { backend }))).toThrow(
      "Argument 'b' passed to 'affine' must have shape [1]; got [2]",
    );
    expect(() => affine(tensor([1, 2], { backend }), tensor([[1], [2]], { backend }))).toThrow(
      /'x' passed to 'affine'/,
    );
    expect(() =>
      affine(x, tensor([[1], [2]], { backend }), undefined, { activation: "tanh" as "relu" }),
    ).toThrow(/activation/);
  });
});

describe.each(BACKENDS)("affineBackward [%s]", (backend) => {
  it("computes xᵀ·dy, Σ dy and dy·Wᵀ", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { backend },
    );
    const w = tensor(
      [
        [1, -1],
        [2, 0],
      ],
      { backend },
    );
    const { dw, db, dx } = affineBackward(
      x,
      w,
      tensor(
        [
          [1, 0],
          [0, 1],
        ],
        { backend },
      ),
    );
    expectClose(dw, [
      [1, 3],
      [2, 4],
    ]);
    expectClose(db!, [1, 1]);
    expectClose(dx!, [
      [1, 2],
      [-1, 0],
    ]);
  });

  it("equals matMulTN, sum and matMulNT bit for bit, and leaves out what it is told to", () => {
    fc.assert(
      fc.property(operands, fc.boolean(), fc.boolean(), ({ m, k, n, x, w, dy }, bias, input) => {
        const before = memory().numTensors;
        scope(() => {
          const tx = tensor(x, { shape: [m, k], backend });
          const tw = tensor(w, { shape: [k, n], backend });
          const tdy = tensor(dy, { shape: [m, n], backend });
          const g = affineBackward(tx, tw, tdy, { bias, inputGradient: input });
          expect(g.dw.dataSync()).toEqual(matMulTN(tx, tdy).dataSync());
          if (bias) expect(g.db!.dataSync()).toEqual(sum(tdy, { axis: 0 }).dataSync());
          else expect(g.db).toBeUndefined();
          if (input) expect(g.dx!.dataSync()).toEqual(matMulNT(tdy, tw).dataSync());
          else expect(g.dx).toBeUndefined();
          // Through the ReLU whose output x is: that ReLU's input gradient.
          const through = affineBackward(tx, tw, tdy, { bias, throughRelu: true }).dx!;
          expect(through.dataSync()).toEqual(reluBackward(matMulNT(tdy, tw), tx).dataSync());
        });
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 12, numRuns: 60 },
    );
  });

  it("names the argument at fault", () => {
    const x = tensor([[1, 2]], { backend });
    const w = tensor([[1], [2]], { backend });
    expect(() => affineBackward(x, w, tensor([[1, 2]], { backend }))).toThrow(
      "Argument 'dy' passed to 'affineBackward' must have shape [1, 1]; got [1, 2]",
    );
  });
});

describe.each(BACKENDS)("reluBackward [%s]", (backend) => {
  it("passes dy where x > 0 and NaN where x is NaN", () => {
    const g = reluBackward(
      tensor([5, 5, 5, 5, 5, -2], { backend }),
      tensor([-1, 0, -0, 2, Number.NaN, Number.POSITIVE_INFINITY], { backend }),
    );
    expect([...g.dataSync()]).toEqual([0, 0, 0, 5, Number.NaN, -2]);
  });

  it("equals mul(dy, step(x)) bit for bit at every length, specials included", () => {
    const special = fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, -1e-45, 1e-45);
    const cases = fc.integer({ min: 0, max: 41 }).chain((length) =>
      fc.record({
        dy: fc.array(fc.oneof(fc.float({ noNaN: true }), special), {
          minLength: length,
          maxLength: length,
        }),
        x: fc.array(fc.oneof(fc.float(), special), { minLength: length, maxLength: length }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ dy, x }) => {
        scope(() => {
          const tdy = tensor(Float32Array.from(dy), { shape: [dy.length], backend });
          const tx = tensor(Float32Array.from(x), { shape: [x.length], backend });
          expect(reluBackward(tdy, tx).dataSync()).toEqual(mul(tdy, step(tx)).dataSync());
        });
      }),
      { seed: 13, numRuns: 200 },
    );
  });

  it("names the argument at fault", () => {
    expect(() => reluBackward(tensor([1, 2], { backend }), tensor([1], { backend }))).toThrow(
      "Argument 'x' passed to 'reluBackward' must have shape [2]; got [1]",
    );
  });
});

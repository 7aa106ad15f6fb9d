// Gradients of composite tensor-core functions, written by hand, agree with central differences
// at rtol 1e-6 over random shapes and values.
import {
  assertGradients,
  checkBackward,
  checkGradients,
  matrixPairArb,
  seedArb,
  shapeArb,
  tensorDataArb,
} from "@backprop/gradcheck";
import {
  cast,
  greater,
  matMul,
  matMulNT,
  matMulTN,
  mul,
  relu,
  scope,
  sigmoid,
  square,
  sub,
  sum,
  tanh,
  tensor,
} from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { affineBackward, affineCaseArb, affineInputs, affineLoss } from "./support.js";

fc.configureGlobal({ seed: 20261124, numRuns: 40 });

const ref = { backend: "reference" } as const;

test.prop([affineCaseArb])(
  "softmax cross-entropy of an affine map: −mean Σ onehot·logSoftmax(x·W + b)",
  (k) => {
    scope(() => {
      const { labels, inputs } = affineInputs(k);
      const report = checkGradients({
        f: affineLoss(labels, k.c),
        inputs,
        analytic: affineBackward(labels, k.c, "correct"),
        rtol: 1e-6,
      });
      assertGradients(report);
      expect(report.tensors.every((t) => t.kinks === 0)).toBe(true);
    });
  },
);

test.prop([tensorDataArb({ min: -4, max: 4 }), seedArb()])(
  "a sigmoid → tanh chain, as a layer (random cotangent)",
  (d, seed) => {
    scope(() => {
      const x = tensor(d.values, { shape: d.shape, ...ref });
      const report = checkBackward({
        inputs: { x },
        forward: ({ x }) => tanh(sigmoid(x)),
        backward: ({ x }, dy) => {
          const s = sigmoid(x);
          const t = tanh(s);
          return { x: mul(mul(dy, sub(1, square(t))), mul(s, sub(1, s))) };
        },
        seed,
        rtol: 1e-6,
      });
      assertGradients(report);
    });
  },
);

test.prop([
  shapeArb({ minRank: 2, maxRank: 2, maxDim: 5 }).chain((shape) =>
    fc.tuple(tensorDataArb({ shape }), tensorDataArb({ shape })),
  ),
])("mean squared error 0.5·Σ(y − t)², for y and t", ([y, t]) => {
  scope(() => {
    const inputs = {
      y: tensor(y.values, { shape: y.shape, ...ref }),
      t: tensor(t.values, { shape: t.shape, ...ref }),
    };
    assertGradients(
      checkGradients({
        f: ({ y, t }) => mul(sum(square(sub(y, t))), 0.5),
        inputs,
        analytic: ({ y, t }) => ({ y: sub(y, t), t: sub(t, y) }),
        rtol: 1e-6,
      }),
    );
  });
});

test.prop([tensorDataArb({ avoid: { points: [0], margin: 1e-3 } }), seedArb()])(
  "relu with inputs kept off the kink: no kinks, no failures even with kink detection off",
  (d, seed) => {
    scope(() => {
      expect(d.values.every((v) => Math.abs(v) >= 1e-3)).toBe(true);
      const x = tensor(d.values, { shape: d.shape, ...ref });
      const report = checkBackward({
        inputs: { x },
        forward: ({ x }) => relu(x),
        backward: ({ x }, dy) => ({ x: mul(dy, cast(greater(x, 0), "float")) }),
        seed,
        kinks: "off",
      });
      assertGradients(report);
    });
  },
);

test.prop([matrixPairArb({ maxDim: 4 }), seedArb()])(
  "matMul and its transposed forms: dA = dy·Bᵀ, dB = Aᵀ·dy",
  ({ a, b }, seed) => {
    scope(() => {
      const inputs = {
        a: tensor(a.values, { shape: a.shape, ...ref }),
        b: tensor(b.values, { shape: b.shape, ...ref }),
      };
      assertGradients(
        checkBackward({
          inputs,
          forward: ({ a, b }) => matMul(a, b),
          backward: ({ a, b }, dy) => ({ a: matMulNT(dy, b), b: matMulTN(a, dy) }),
          seed,
        }),
      );
    });
  },
);

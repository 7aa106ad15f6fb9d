import {
  assertGradients,
  checkBackward,
  checkGradients,
  seedArb,
  tensorDataArb,
} from "@backprop/gradcheck";
import {
  cast,
  greater,
  mul,
  relu,
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
  "softmax cross-entropy of an affine map: backprop = numerical at rtol 1e-6",
  (k) => {
    const { labels, inputs } = affineInputs(k);
    const report = checkGradients({
      f: affineLoss(labels, k.c),
      inputs,
      analytic: affineBackward(labels, k.c, "correct"),
      rtol: 1e-6,
    });
    assertGradients(report);
  },
);

test.prop([tensorDataArb({ min: -4, max: 4 }), seedArb()])("a sigmoid → tanh chain", (d, seed) => {
  const x = tensor(d.values, { shape: d.shape, ...ref });
  const report = checkBackward({
    inputs: { x },
    forward: ({ x }) => tanh(sigmoid(x!)),
    backward: ({ x }, dy) => {
      const s = sigmoid(x!);
      const t = tanh(s);
      return { x: mul(mul(dy, sub(1, square(t))), mul(s, sub(1, s))) };
    },
    seed,
  });
  assertGradients(report);
});

test.prop([
  tensorDataArb({
    shape: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 2 }),
  }),
])("mean squared error 0.5·Σ(y − t)²", (d) => {
  const y = tensor(d.values, { shape: d.shape, ...ref });
  const t = tensor(
    d.values.map((v, i) => Math.sin(v + i)),
    { shape: d.shape, ...ref },
  );
  const report = checkGradients({
    f: ({ y }) => mul(sum(square(sub(y!, t))), 0.5),
    inputs: { y },
    analytic: ({ y }) => ({ y: sub(y!, t) }),
  });
  assertGradients(report);
});

test.prop([tensorDataArb({ avoid: { points: [0], margin: 1e-3 } }), seedArb()])(
  "relu with inputs kept off the kink",
  (d, seed) => {
    const x = tensor(d.values, { shape: d.shape, ...ref });
    const report = checkBackward({
      inputs: { x },
      forward: ({ x }) => relu(x!),
      backward: ({ x }, dy) => ({ x: mul(dy, cast(greater(x!, 0), "float")) }),
      seed,
      kinks: "off",
    });
    assertGradients(report);
    expect(report.tensors[0]!.kinks).toBe(0);
  },
);

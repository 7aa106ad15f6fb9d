import { assertGradients, seedArb, tensorDataArb } from "@backprop/gradcheck";
import {
  Dense,
  LeakyReLU,
  MeanSquaredError,
  ReLU,
  Sequential,
  Sigmoid,
  SigmoidBinaryCrossEntropy,
  SoftmaxCrossEntropy,
  Tanh,
} from "@backprop/layers";
import { createRng } from "@backprop/random";
import { setDefaultBackend, softmax, tensor } from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, expect } from "vitest";
import { checkLayer, checkLoss, checkNetwork } from "./support.js";

// Float64 central differences with h = 1e-5 agree with a correct backward to ~1e-9 relative;
// rtol 1e-6 (gradcheck's default) leaves three orders of margin and still catches any real bug.
fc.configureGlobal({ seed: 20261124, numRuns: 25 });

beforeAll(() => setDefaultBackend("reference"));

const dims = fc.record({
  batch: fc.integer({ min: 1, max: 5 }),
  inF: fc.integer({ min: 1, max: 6 }),
  outF: fc.integer({ min: 1, max: 6 }),
});
const batchOf = (inF: number) =>
  tensorDataArb({ shape: fc.integer({ min: 1, max: 5 }).map((b) => [b, inF]) });

test.prop([dims, seedArb(), fc.boolean()])(
  "Dense: input, weight and bias gradients",
  ({ batch, inF, outF }, seed, bias) => {
    const dense = new Dense(inF, outF, { rng: createRng(seed), bias });
    const x = tensor(
      Array.from({ length: batch * inF }, (_, i) => Math.sin(seed + i)),
      { shape: [batch, inF] },
    );
    assertGradients(checkLayer(dense, x, seed));
  },
);

test.prop([
  tensorDataArb({
    shape: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })),
    avoid: { points: [0], margin: 1e-3 },
  }),
  seedArb(),
])("ReLU and LeakyReLU off the kink", (d, seed) => {
  const x = tensor(d.values, { shape: d.shape });
  assertGradients(checkLayer(new ReLU(), x, seed));
  assertGradients(checkLayer(new LeakyReLU({ slope: 0.2 }), x, seed));
});

test.prop([batchOf(4), seedArb()])("Sigmoid and Tanh", (d, seed) => {
  const x = tensor(d.values, { shape: d.shape });
  assertGradients(checkLayer(new Sigmoid(), x, seed));
  assertGradients(checkLayer(new Tanh(), x, seed));
});

const logits = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 6 }))
  .chain(([n, c]) =>
    fc.tuple(
      tensorDataArb({ shape: [n, c], min: -5, max: 5 }),
      fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n, maxLength: n }),
    ),
  );

test.prop([logits])(
  "SoftmaxCrossEntropy with class indices and with soft labels",
  ([y, labels]) => {
    const yt = tensor(y.values, { shape: y.shape });
    assertGradients(checkLoss(new SoftmaxCrossEntropy(), yt, tensor(labels, { dtype: "int32" })));
    const soft = softmax(
      tensor(
        y.values.map((v) => Math.cos(v)),
        { shape: y.shape },
      ),
    );
    assertGradients(checkLoss(new SoftmaxCrossEntropy(), yt, soft));
  },
);

test.prop([logits])("MeanSquaredError and SigmoidBinaryCrossEntropy", ([y, labels]) => {
  const yt = tensor(y.values, { shape: y.shape });
  assertGradients(checkLoss(new MeanSquaredError(), yt, tensor(labels, { dtype: "int32" })));
  const targets = tensor(
    y.values.map((v) => (Math.sin(v) + 1) / 2),
    { shape: y.shape },
  );
  assertGradients(checkLoss(new SigmoidBinaryCrossEntropy(), yt, targets));
});

test.prop([fc.integer({ min: 1, max: 4 }), seedArb()])(
  "the book's TwoLayerNet (affine → sigmoid → affine → softmax CE)",
  (batch, seed) => {
    const rng = createRng(seed);
    const net = new Sequential(
      [
        new Dense(6, 5, { name: "affine1", rng, init: 0.5 }),
        new Sigmoid(),
        new Dense(5, 3, { name: "affine2", rng, init: 0.5 }),
      ],
      { loss: new SoftmaxCrossEntropy() },
    );
    const x = tensor(
      Array.from({ length: batch * 6 }, (_, i) => Math.cos(seed + i)),
      { shape: [batch, 6] },
    );
    const t = tensor(
      Array.from({ length: batch }, (_, i) => (seed + i) % 3),
      { dtype: "int32" },
    );
    assertGradients(checkNetwork(net, x, t));
  },
);

test.prop([seedArb(), fc.double({ min: 0.01, max: 0.5, noNaN: true })])(
  "a 5-hidden-layer ReLU net with weight decay λ > 0",
  (seed, lambda) => {
    const rng = createRng(seed);
    const widths = [4, 5, 5, 5, 5, 5, 3];
    const layers = widths.slice(1).flatMap((w, i) => {
      const dense = new Dense(widths[i]!, w, { name: `affine${i + 1}`, rng, init: "he" });
      return i < widths.length - 2 ? [dense, new Tanh({ name: `act${i + 1}` })] : [dense];
    });
    const net = new Sequential(layers, { loss: new SoftmaxCrossEntropy(), weightDecay: lambda });
    const x = tensor(
      Array.from({ length: 3 * 4 }, (_, i) => Math.sin(seed * 0.1 + i)),
      { shape: [3, 4] },
    );
    const t = tensor([0, 2, 1], { dtype: "int32" });
    const report = checkNetwork(net, x, t);
    assertGradients(report);
    expect(report.tensors.map((r) => r.name)).toContain("affine6.weight");
  },
);

test.prop([seedArb()])(
  "the lecture's 784-256-256-10 ReLU shape at small width (12-8-8-5)",
  (seed) => {
    const rng = createRng(seed);
    const net = new Sequential(
      [
        new Dense(12, 8, { name: "fc1", rng, init: "glorotNormal" }),
        new ReLU({ name: "relu1" }),
        new Dense(8, 8, { name: "fc2", rng, init: "glorotNormal" }),
        new ReLU({ name: "relu2" }),
        new Dense(8, 5, { name: "fc3", rng, init: "glorotNormal" }),
      ],
      { loss: new SoftmaxCrossEntropy() },
    );
    const x = tensor(
      Array.from({ length: 4 * 12 }, (_, i) => Math.sin(seed + 3 * i)),
      { shape: [4, 12] },
    );
    const t = tensor([1, 4, 0, 2], { dtype: "int32" });
    // Random inputs can put a ReLU input within h of 0; such elements are reported as kinks.
    assertGradients(checkNetwork(net, x, t));
  },
);

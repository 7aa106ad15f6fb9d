import {
  type ActivationName,
  BatchNorm,
  Dense,
  multiLayerNet,
  Sequential,
  Sigmoid,
  SoftmaxCrossEntropy,
} from "@backprop/layers";
import { createRng } from "@backprop/random";
import {
  memory,
  randomNormal,
  scope,
  setDefaultBackend,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => setDefaultBackend("reference"));

/** The plain algorithm: re-upload the whole parameter and evaluate the whole net, every time. */
function plainNumericalGradient(net: Sequential, x: Tensor, t: Tensor, name: string, h: number) {
  const w = net.params.get(name)!;
  const values = Float64Array.from(w.dataSync());
  const grad = new Float64Array(values.length);
  const lossAt = () =>
    scope(() => {
      net.params.set(name, tensor(values, { shape: w.shape, backend: w.backend }));
      return net.loss(x, t, { training: true }).item();
    });
  try {
    for (let i = 0; i < values.length; i++) {
      const original = values[i]!;
      values[i] = original + h;
      const plus = lossAt();
      values[i] = original - h;
      const minus = lossAt();
      values[i] = original;
      grad[i] = (plus - minus) / (2 * h);
    }
  } finally {
    net.params.set(name, w);
  }
  return grad;
}

const nets: Array<[string, () => Sequential]> = [
  [
    "TwoLayerNet (sigmoid)",
    () =>
      multiLayerNet({
        inputSize: 7,
        hiddenSizes: [5],
        outputSize: 3,
        activation: "sigmoid",
        weightInit: 0.5,
        rng: createRng(2),
      }),
  ],
  ...(["relu", "tanh", "leakyRelu"] as ActivationName[]).map(
    (activation) =>
      [
        `3 hidden ${activation} layers with BatchNorm`,
        () =>
          multiLayerNet({
            inputSize: 7,
            hiddenSizes: [6, 5, 4],
            outputSize: 3,
            activation,
            batchNorm: true,
            rng: createRng(4),
          }),
      ] as [string, () => Sequential],
  ),
  [
    "weight decay (every evaluation runs the whole net)",
    () =>
      multiLayerNet({
        inputSize: 7,
        hiddenSizes: [5, 4],
        outputSize: 3,
        weightDecay: 0.1,
        rng: createRng(6),
      }),
  ],
  [
    "a dense layer without bias",
    () =>
      new Sequential(
        [
          new Dense(7, 5, { name: "d1", rng: createRng(8), bias: false }),
          new Sigmoid(),
          new Dense(5, 3, { name: "d2", rng: createRng(9) }),
        ],
        { loss: new SoftmaxCrossEntropy() },
      ),
  ],
];

describe("Sequential.numericalGradient", () => {
  it.each(nets)("equals the whole-net evaluation bit for bit: %s", (_, make) => {
    const net = make();
    const x = randomNormal([4, 7], { rng: createRng(11) });
    const t = tensor([0, 2, 1, 2], { dtype: "int32" });
    net.loss(x, t, { training: true }).dispose(); // fills the layers' caches
    const before = memory().numTensors;
    const fast = net.numericalGradient(x, t);
    for (const [name, g] of fast) {
      expect(Array.from(g.dataSync()), name).toEqual(
        Array.from(plainNumericalGradient(net, x, t, name, 1e-4)),
      );
      g.dispose();
    }
    expect(memory().numTensors).toBe(before);
    net.dispose();
  });

  it("equals the whole-net evaluation when the perturbations take several stacked passes", () => {
    const net = nets[0]![1]();
    const x = randomNormal([100, 7], { rng: createRng(14) });
    const t = tensor(
      Array.from({ length: 100 }, (_, i) => i % 3),
      { dtype: "int32" },
    );
    for (const name of ["affine1.weight", "affine1.bias"]) {
      const all = Array.from({ length: net.params.get(name)!.size }, (_, i) => i);
      expect(Array.from(net.numericalGradientAt(x, t, name, all)), name).toEqual(
        Array.from(plainNumericalGradient(net, x, t, name, 1e-4)),
      );
    }
  });

  it("numericalGradientAt gives the same entries as the full gradient, in the order asked", () => {
    const net = nets[0]![1]();
    const x = randomNormal([3, 7], { rng: createRng(12) });
    const t = tensor([1, 0, 2], { dtype: "int32" });
    const full = plainNumericalGradient(net, x, t, "affine1.weight", 1e-4);
    const some = net.numericalGradientAt(x, t, "affine1.weight", [34, 0, 7, 7]);
    expect(Array.from(some)).toEqual([full[34], full[0], full[7], full[7]]);
  });

  it("leaves BatchNorm's running statistics as they were", () => {
    const net = nets[1]![1]();
    const bn = net.layers.find((l): l is BatchNorm => l instanceof BatchNorm)!;
    const x = randomNormal([4, 7], { rng: createRng(13) });
    const t = tensor([0, 1, 2, 0], { dtype: "int32" });
    const [mean, variance] = [bn.runningMean, bn.runningVar];
    net.numericalGradientAt(x, t, "affine2.weight", [0, 1, 2]);
    expect(Array.from(bn.runningMean.dataSync())).toEqual(Array.from(mean.dataSync()));
    expect(Array.from(bn.runningVar.dataSync())).toEqual(Array.from(variance.dataSync()));
  });
});

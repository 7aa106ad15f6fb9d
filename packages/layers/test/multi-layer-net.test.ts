import { InvalidOptionError } from "@backprop/errors";
import { type BatchNorm, type Dropout, multiLayerNet } from "@backprop/layers";
import { createRng } from "@backprop/random";
import { randomNormal, setDefaultBackend, tensor } from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => setDefaultBackend("reference"));

describe("multiLayerNet (the book's MultiLayerNet / MultiLayerNetExtend)", () => {
  it("builds Affine → BatchNorm → activation → Dropout per hidden layer, with stable names", () => {
    const net = multiLayerNet({
      inputSize: 6,
      hiddenSizes: [5, 4],
      outputSize: 3,
      batchNorm: true,
      dropout: 0.15,
      rng: createRng(0),
    });
    expect(net.layers.map((l) => l.name)).toEqual([
      "affine1",
      "bn1",
      "relu1",
      "dropout1",
      "affine2",
      "bn2",
      "relu2",
      "dropout2",
      "affine3",
    ]);
    expect([...net.params.keys()]).toEqual([
      "affine1.weight",
      "affine1.bias",
      "bn1.gamma",
      "bn1.beta",
      "affine2.weight",
      "affine2.bias",
      "bn2.gamma",
      "bn2.beta",
      "affine3.weight",
      "affine3.bias",
    ]);
    expect(net.params.get("affine2.weight")!.shape).toEqual([5, 4]);
  });

  it("the book preset uses the book's BatchNorm, Dropout and He init", () => {
    const net = multiLayerNet({
      inputSize: 4,
      hiddenSizes: [3],
      outputSize: 2,
      batchNorm: true,
      dropout: 0.5,
      preset: "book",
      rng: createRng(1),
    });
    expect((net.layers[1] as BatchNorm).momentumForm).toBe("keras");
    expect((net.layers[3] as Dropout).mode).toBe("book");
    const plain = multiLayerNet({
      inputSize: 4,
      hiddenSizes: [3],
      outputSize: 2,
      rng: createRng(1),
      preset: "book",
    });
    expect(plain.layers.map((l) => l.name)).toEqual(["affine1", "relu1", "affine2"]);
  });

  it("gradient (backprop) agrees with numericalGradient (the book's chapter 4 comparison)", () => {
    const net = multiLayerNet({
      inputSize: 5,
      hiddenSizes: [4],
      outputSize: 3,
      activation: "sigmoid",
      weightInit: 0.5,
      weightDecay: 0.1,
      rng: createRng(2),
    });
    const x = randomNormal([3, 5], { rng: createRng(3) });
    const t = tensor([0, 2, 1], { dtype: "int32" });
    const numeric = net.numericalGradient(x, t, { h: 1e-5 });
    const analytic = net.gradient(x, t);
    for (const [name, g] of analytic) {
      const a = g.dataSync();
      const n = numeric.get(name)!.dataSync();
      const diff = Math.max(...Array.from(a, (v, i) => Math.abs(v - n[i]!)));
      expect(diff, name).toBeLessThan(1e-8);
    }
  });

  it("rejects bad sizes and activations by name", () => {
    expect(() =>
      multiLayerNet({ inputSize: 4, hiddenSizes: [0], outputSize: 2, rng: createRng(0) }),
    ).toThrow(/'hiddenSizes\[0\]'/);
    expect(() =>
      multiLayerNet({
        inputSize: 4,
        hiddenSizes: [2],
        outputSize: 2,
        activation: "gelu" as never,
        rng: createRng(0),
      }),
    ).toThrow(InvalidOptionError);
  });
});

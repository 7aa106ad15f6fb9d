import { InvalidOptionError } from "@backprop/errors";
import {
  constant,
  denseDefaults,
  fansOf,
  gain,
  glorotNormal,
  heNormal,
  initWeight,
  normal,
  ones,
  xavierBook,
  zeros,
} from "@backprop/init";
import { createRng } from "@backprop/random";
import { initBackend, memory } from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

describe("fans and gains", () => {
  it("reads fans in backprop's [in, out] layout", () => {
    expect(fansOf([784, 50])).toEqual({ fanIn: 784, fanOut: 50 });
    expect(fansOf([10])).toEqual({ fanIn: 10, fanOut: 10 });
    expect(fansOf([3, 4, 5, 5])).toEqual({ fanIn: 75, fanOut: 100 });
    expect(fansOf([10], { fanIn: 784 })).toEqual({ fanIn: 784, fanOut: 10 });
    expect(() => fansOf([0, 5])).toThrow(/'fanIn'/);
  });

  it("has PyTorch's gain table", () => {
    expect(gain("linear")).toBe(1);
    expect(gain("sigmoid")).toBe(1);
    expect(gain("tanh")).toBeCloseTo(5 / 3, 15);
    expect(gain("relu")).toBeCloseTo(Math.SQRT2, 15);
    expect(gain("leakyRelu")).toBeCloseTo(Math.sqrt(2 / (1 + 0.0001)), 15);
    expect(gain("leakyRelu", { slope: 0.2 })).toBeCloseTo(Math.sqrt(2 / 1.04), 15);
    expect(() => gain("swish" as never)).toThrow(InvalidOptionError);
  });
});

describe("initializers", () => {
  it("the same seed gives the same weights, on both backends", () => {
    const a = heNormal([20, 30], { rng: createRng(5) });
    const b = heNormal([20, 30], { rng: createRng(5) });
    expect(a.dataSync()).toEqual(b.dataSync());
    expect(a.backend).toBe("wasm");
    const r = heNormal([20, 30], { rng: createRng(5), backend: "reference" });
    expect(r.dtype).toBe("float64");
    const diff = Array.from(r.dataSync()).map((v, i) => Math.abs(v - a.dataSync()[i]!));
    expect(Math.max(...diff)).toBeLessThan(1e-6);
  });

  it("constants", () => {
    expect(zeros([2]).arraySync()).toEqual([0, 0]);
    expect(ones([2]).arraySync()).toEqual([1, 1]);
    expect(constant([2], { value: 0.5 }).arraySync()).toEqual([0.5, 0.5]);
  });

  it("the book's names work as-is", () => {
    const rng = () => createRng(9);
    const shape = [100, 50];
    expect(initWeight(0.01, shape, { rng: rng() }).dataSync()).toEqual(
      normal(shape, { rng: rng(), std: 0.01 }).dataSync(),
    );
    expect(initWeight("xavier", shape, { rng: rng() }).dataSync()).toEqual(
      xavierBook(shape, { rng: rng() }).dataSync(),
    );
    expect(initWeight("sigmoid", shape, { rng: rng() }).dataSync()).toEqual(
      xavierBook(shape, { rng: rng() }).dataSync(),
    );
    expect(initWeight("he", shape, { rng: rng() }).dataSync()).toEqual(
      heNormal(shape, { rng: rng() }).dataSync(),
    );
    expect(initWeight("relu", shape, { rng: rng() }).dataSync()).toEqual(
      heNormal(shape, { rng: rng() }).dataSync(),
    );
    expect(initWeight("zeros", [2], { rng: rng() }).arraySync()).toEqual([0, 0]);
    expect(() => initWeight("kaiming" as never, shape, { rng: rng() })).toThrow(/'spec'/);
    expect(() => initWeight(-1, shape, { rng: rng() })).toThrow(InvalidOptionError);
  });

  it("framework presets for a dense layer", () => {
    const rng = createRng(3);
    const torch = denseDefaults("pytorch", [400, 30], { rng, backend: "reference" });
    const limit = 1 / Math.sqrt(400);
    for (const t of [torch.weight, torch.bias]) {
      const v = Array.from(t.dataSync());
      expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(limit);
    }
    expect(torch.bias.shape).toEqual([30]);
    const keras = denseDefaults("keras", [400, 30], { rng });
    expect(Math.max(...Array.from(keras.weight.dataSync()).map(Math.abs))).toBeLessThanOrEqual(
      Math.sqrt(6 / 430) + 1e-7,
    );
    expect(keras.bias.arraySync()).toEqual(new Array(30).fill(0));
    const tfjs = denseDefaults("tfjs", [400, 30], { rng: createRng(4) });
    expect(tfjs.weight.dataSync()).toEqual(
      glorotNormal([400, 30], { rng: createRng(4) }).dataSync(),
    );
    expect(() => denseDefaults("jax" as never, [2, 2], { rng })).toThrow(/'preset'/);
  });

  it("leaks nothing beyond the tensors it returns", () => {
    const before = memory().numTensors;
    const { weight, bias } = denseDefaults("book", [10, 5], { rng: createRng(1) });
    expect(memory().numTensors - before).toBe(2);
    weight.dispose();
    bias.dispose();
  });
});

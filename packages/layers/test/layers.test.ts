import { InvalidOptionError, ShapeError } from "@backprop/errors";
import type { ParamMap } from "@backprop/layers";
import { Dense, ReLU, Sequential, Sigmoid, SoftmaxCrossEntropy } from "@backprop/layers";
import { createRng } from "@backprop/random";
import {
  initBackend,
  keep,
  memory,
  mul,
  scope,
  setDefaultBackend,
  sub,
  tensor,
} from "@backprop/tensor-core";

/** Plain SGD written out (layers does not depend on the optimizers package). */
function sgdStep(params: ParamMap, grads: ParamMap, lr: number): void {
  for (const [name, g] of grads) {
    const w = params.get(name)!;
    params.set(name, keep(scope(() => sub(w, mul(g, lr)))));
    w.dispose();
  }
}

import { beforeAll, describe, expect, it } from "vitest";

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

function xorNet(seed: number) {
  const rng = createRng(seed);
  return new Sequential(
    [
      new Dense(2, 8, { name: "fc1", rng, init: "xavier" }),
      new Sigmoid({ name: "act1" }),
      new Dense(8, 2, { name: "fc2", rng, init: "xavier" }),
    ],
    { loss: new SoftmaxCrossEntropy() },
  );
}

describe.each(["reference", "wasm"] as const)("layers on %s", (backend) => {
  beforeAll(() => setDefaultBackend(backend));

  it("names parameters stably and shares one map in a network", () => {
    const net = xorNet(1);
    expect([...net.params.keys()]).toEqual(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]);
    expect(net.layers[0]!.params).toBe(net.params);
    expect(net.params.get("fc1.weight")!.shape).toEqual([2, 8]);
    net.dispose();
  });

  it("a training loop keeps the tensor count flat and learns XOR", () => {
    const net = xorNet(3);
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const t = tensor([0, 1, 1, 0], { dtype: "int32" });
    net.gradient(x, t);
    sgdStep(net.params, net.grads, 2);
    const before = memory();
    for (let i = 0; i < 600; i++) {
      net.gradient(x, t);
      sgdStep(net.params, net.grads, 2);
    }
    const after = memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.backends[backend]?.backendTensors).toBe(before.backends[backend]?.backendTensors);
    expect(net.accuracy(x, t)).toBe(1);
    net.dispose();
  });

  it("backward before forward, wrong shapes and duplicate names are typed errors", () => {
    const rng = createRng(0);
    expect(() => new ReLU().backward(tensor([1]))).toThrow(/forward pass first/);
    const dense = new Dense(3, 2, { name: "d", rng });
    expect(() => dense.forward(tensor([[1, 2]]))).toThrow(ShapeError);
    dense.forward(tensor([[1, 2, 3]]));
    expect(() => dense.backward(tensor([[1, 2, 3]]))).toThrow(/'dy'/);
    expect(
      () =>
        new Sequential([
          new Dense(2, 2, { name: "same", rng }),
          new Dense(2, 2, { name: "same", rng }),
        ]),
    ).toThrow(/unique parameter names/);
    expect(() => new Dense(0, 2, { rng })).toThrow(InvalidOptionError);
    expect(() => new Sequential([])).toThrow(/'layers'/);
    expect(() =>
      new Sequential([new ReLU()]).loss(tensor([[1]]), tensor([0], { dtype: "int32" })),
    ).toThrow(/'loss'/);
  });

  it("dispose frees everything the network holds", () => {
    const x = tensor([[0, 1]]);
    const t = tensor([1], { dtype: "int32" });
    const before = memory().numTensors;
    const net = xorNet(5);
    net.gradient(x, t);
    net.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("accuracy accepts class indices or one-hot rows", () => {
    const net = new Sequential([
      new Dense(2, 2, { name: "id", rng: createRng(0), init: "zeros", bias: false }),
    ]);
    net.params.set(
      "id.weight",
      tensor([
        [1, 0],
        [0, 1],
      ]),
    );
    const x = tensor([
      [2, 1],
      [0, 3],
      [5, 4],
    ]);
    expect(net.accuracy(x, tensor([0, 1, 1], { dtype: "int32" }))).toBeCloseTo(2 / 3, 6);
    expect(
      net.accuracy(
        x,
        tensor([
          [1, 0],
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBe(1);
  });
});

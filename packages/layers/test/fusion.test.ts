import { Dense, multiLayerNet, ReLU, Sequential, SoftmaxCrossEntropy } from "@backprop/layers";
import { createRng } from "@backprop/random";
import {
  type BackendName,
  initBackend,
  memory,
  mul,
  randomNormal,
  scope,
} from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

// Sequential runs Dense → ReLU pairs forward, and ReLU → Dense pairs backward, as one kernel call
// each. The values must be the layers' own, one by one, bit for bit.

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

const BACKENDS: BackendName[] = ["reference", "wasm"];

/** Output, input gradient and parameter gradients, computed by calling each layer in turn. */
function layerByLayer(net: Sequential, x: Parameters<Sequential["forward"]>[0], seed: number) {
  return scope(() => {
    const y = net.layers.reduce((h, layer) => layer.forward(h, { training: true }), x);
    const dy = randomNormal(y.shape, { rng: createRng(seed), backend: y.backend });
    const dx = net.layers.reduceRight((g, layer) => layer.backward(g), dy);
    return {
      y: [...y.dataSync()],
      dx: [...dx.dataSync()],
      grads: [...net.grads].map(([k, g]) => [k, [...g.dataSync()]] as const),
    };
  });
}

function fused(net: Sequential, x: Parameters<Sequential["forward"]>[0], seed: number) {
  return scope(() => {
    const y = net.forward(x, { training: true });
    const dy = randomNormal(y.shape, { rng: createRng(seed), backend: y.backend });
    const dx = net.backward(dy);
    return {
      y: [...y.dataSync()],
      dx: [...dx.dataSync()],
      grads: [...net.grads].map(([k, g]) => [k, [...g.dataSync()]] as const),
    };
  });
}

describe.each(BACKENDS)("Dense ⇄ ReLU fusion in Sequential [%s]", (backend) => {
  it("gives each layer's own values, bit for bit, in a ReLU net with and without BatchNorm", () => {
    for (const batchNorm of [false, true]) {
      const net = multiLayerNet({
        inputSize: 13,
        hiddenSizes: [9, 7, 6],
        outputSize: 5,
        batchNorm,
        rng: createRng(4),
        backend,
      });
      const x = randomNormal([11, 13], { rng: createRng(5), backend });
      const want = layerByLayer(net, x, 6);
      const kept = memory().numTensors; // parameters, gradients and the layers' caches
      const got = fused(net, x, 6);
      expect(got).toEqual(want);
      expect(memory().numTensors).toBe(kept);
      net.dispose();
      x.dispose();
    }
  });

  it("leaves the ReLU able to run its own backward after a fused forward", () => {
    const rng = createRng(8);
    const relu = new ReLU();
    const net = new Sequential(
      [new Dense(3, 4, { rng, backend }), relu, new Dense(4, 2, { name: "out", rng, backend })],
      { loss: new SoftmaxCrossEntropy() },
    );
    scope(() => {
      const x = randomNormal([5, 3], { rng: createRng(9), backend });
      const h = net.layers[0]!.forward(x);
      const alone = relu.forward(h).dataSync();
      const y = net.forward(x);
      expect(y.shape).toEqual([5, 2]);
      const dy = randomNormal([5, 4], { rng: createRng(10), backend });
      const mask = [...alone].map((v) => (v > 0 ? 1 : 0));
      expect([...relu.backward(dy).dataSync()]).toEqual(
        [...dy.dataSync()].map((v, i) => v * mask[i]!),
      );
    });
    net.dispose();
  });

  it("does not fuse a subclass, which may change what forward does", () => {
    class Doubled extends ReLU {
      override forward(x: Parameters<ReLU["forward"]>[0]) {
        return scope(() => mul(super.forward(x), 2));
      }
    }
    const rng = createRng(1);
    const net = new Sequential([new Dense(2, 3, { rng, backend }), new Doubled()]);
    scope(() => {
      const x = randomNormal([4, 2], { rng: createRng(2), backend });
      const plain = net.layers[0]!.forward(x).dataSync();
      const y = [...net.forward(x).dataSync()];
      expect(y).toEqual([...plain].map((v) => (v > 0 ? 2 * v : 0)));
    });
    net.dispose();
  });
});

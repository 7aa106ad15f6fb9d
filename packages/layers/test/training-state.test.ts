import { FormatError } from "@backprop/errors";
import {
  type BatchNorm,
  loadModelTensors,
  modelFromSafetensors,
  modelTensors,
  modelToSafetensors,
  multiLayerNet,
  type SafetensorsEntry,
} from "@backprop/layers";
import { createRng } from "@backprop/random";
import {
  add,
  initBackend,
  keep,
  memory,
  randomNormal,
  setDefaultBackend,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

// What a training loop needs from a network: one pass that returns the loss with the gradients,
// Dropout masks drawn from a stream the loop owns, and the state copied out and put back in place.

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

function net(seed: number, backend: "wasm" | "reference") {
  setDefaultBackend(backend);
  return multiLayerNet({
    inputSize: 4,
    hiddenSizes: [6, 5],
    outputSize: 3,
    batchNorm: true,
    dropout: 0.3,
    weightDecay: 0.01,
    rng: createRng(seed),
    backend,
  });
}

const values = (t: Tensor) => Array.from(t.dataSync());

describe.each(["reference", "wasm"] as const)("training state on %s", (backend) => {
  const data = () => {
    setDefaultBackend(backend);
    return {
      x: randomNormal([8, 4], { rng: createRng(3), backend }),
      t: tensor([0, 1, 2, 0, 1, 2, 0, 1], { dtype: "int32", backend }),
    };
  };

  it("lossAndGradient returns the loss of the pass and the same gradients as gradient()", () => {
    const { x, t } = data();
    const a = net(1, backend);
    const b = net(1, backend);
    const { loss, grads } = a.lossAndGradient(x, t, { rng: createRng(9) });
    const expected = b.gradient(x, t, { rng: createRng(9) });
    for (const [name, g] of grads) expect(values(g), name).toEqual(values(expected.get(name)!));
    // The same pass evaluated by loss() with the same masks.
    const c = net(1, backend);
    const direct = c.loss(x, t, { training: true, rng: createRng(9) });
    expect(loss.item()).toBe(direct.item());
    expect(loss.item()).toBeGreaterThan(0);
    for (const n of [a, b, c]) n.dispose();
  });

  it("a forward's rng decides the Dropout masks, whatever the layers were built with", () => {
    const { x, t } = data();
    const a = net(1, backend);
    const b = net(1, backend);
    // b's own dropout stream is advanced: without the override the masks would differ.
    b.forward(x, { training: true });
    const la = a.loss(x, t, { training: true, rng: createRng(5) }).item();
    const lb = b.loss(x, t, { training: true, rng: createRng(5) }).item();
    const lc = b.loss(x, t, { training: true, rng: createRng(6) }).item();
    expect(la).toBe(lb);
    expect(lc).not.toBe(lb);
    a.dispose();
    b.dispose();
  });

  it("modelTensors / loadModelTensors restore parameters and running statistics in place", () => {
    const { x, t } = data();
    const a = net(1, backend);
    for (let i = 0; i < 3; i++) a.gradient(x, t, { rng: createRng(i) });
    const saved = modelTensors(a);
    const before = values(a.predict(x));
    const bn = a.layers.find((l) => l.name === "bn1") as BatchNorm;
    const meanBefore = values(bn.runningMean);
    // Move everything away, then put it back.
    for (let i = 0; i < 3; i++) {
      a.gradient(x, t, { rng: createRng(10 + i) });
      for (const [name, p] of [...a.params]) {
        a.params.set(name, keep(add(p, a.grads.get(name)!)));
        p.dispose();
      }
    }
    expect(values(a.predict(x))).not.toEqual(before);
    const count = memory().numTensors;
    loadModelTensors(a, saved);
    expect(memory().numTensors).toBe(count);
    expect(values(a.predict(x))).toEqual(before);
    expect(values(bn.runningMean)).toEqual(meanBefore);
    expect(a.params.get("affine1.weight")!.backend).toBe(backend);
    a.dispose();
  });

  it("modelFromSafetensors rebuilds the network from modelToSafetensors' contents", () => {
    const { x, t } = data();
    const a = net(2, backend);
    a.gradient(x, t, { rng: createRng(1) });
    const copy = modelFromSafetensors(modelToSafetensors(a), { backend });
    expect(values(copy.predict(x))).toEqual(values(a.predict(x)));
    a.dispose();
    copy.dispose();
  });
});

describe("loadModelTensors is strict and changes nothing on a bad input", () => {
  const cases: Array<[string, (m: Map<string, SafetensorsEntry>) => void, RegExp]> = [
    ["a missing tensor", (m) => m.delete("bn2.running_var"), /bn2\.running_var.*missing/],
    [
      "an extra tensor",
      (m) => m.set("ghost.weight", { dtype: "F32", shape: [1], values: new Float32Array(1) }),
      /ghost\.weight.*belongs to no layer/,
    ],
    [
      "a wrong shape",
      (m) => m.set("affine2.bias", { dtype: "F32", shape: [4], values: new Float32Array(4) }),
      /affine2\.bias.*\[4\].*needs \[5\]/,
    ],
    [
      "an integer dtype",
      (m) => m.set("affine1.bias", { dtype: "I32", shape: [6], values: new Int32Array(6) }),
      /affine1\.bias.*not a float/,
    ],
  ];
  it.each(cases)("%s", (_name, corrupt, pattern) => {
    const a = net(1, "reference");
    const saved = modelTensors(a);
    const other = net(7, "reference");
    const target = modelTensors(other);
    corrupt(saved);
    let error: unknown;
    try {
      loadModelTensors(other, saved, { file: "best.safetensors" });
    } catch (e) {
      error = e;
    }
    expect(FormatError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/best\.safetensors/);
    expect((error as Error).message).toMatch(pattern);
    const after = modelTensors(other);
    for (const [name, entry] of target)
      expect(Array.from(after.get(name)!.values), name).toEqual(Array.from(entry.values));
    a.dispose();
    other.dispose();
  });
});

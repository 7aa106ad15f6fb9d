// The in-process contenders: backprop (layers + optimizers by hand, and through `fit`) and
// tfjs-layers `model.fit` on the same wasm backend. Each `epoch()` trains one epoch over the
// data at batch 100 with SGD and resolves when it is done.
import { multiLayerNet, type Sequential } from "@backprop/layers";
import { type Optimizer, SGD } from "@backprop/optimizers";
import { createRng } from "@backprop/random";
import { scope, tensor } from "@backprop/tensor-core";
import { fit } from "@backprop/trainer";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { BATCH, type BenchData, type NetSpec } from "./nets.js";

/** One contender's model for one net. */
export interface Contender {
  epoch(): Promise<void> | void;
  dispose(): void;
}

function backpropNet(spec: NetSpec): Sequential {
  return multiLayerNet({
    inputSize: spec.sizes[0]!,
    hiddenSizes: spec.sizes.slice(1, -1),
    outputSize: spec.sizes.at(-1)!,
    activation: spec.activation,
    batchNorm: spec.batchNorm,
    weightInit: spec.activation === "relu" ? "he" : 0.01,
    rng: createRng(3),
    backend: "wasm",
  });
}

/**
 * backprop's layers and optimizers driven by a hand-written loop, as a user of the two packages
 * writes it: gather the batch, `lossAndGradient`, read the loss, `optimizer.step`.
 */
export function backpropLoop(spec: NetSpec, data: BenchData): Contender {
  const model = backpropNet(spec);
  const optimizer: Optimizer = new SGD({ lr: spec.lr });
  const rng = createRng(2);
  const x = new Float32Array(BATCH * 784);
  const t = new Int32Array(BATCH);
  return {
    epoch() {
      const order = rng.permutation(data.count);
      for (let start = 0; start + BATCH <= data.count; start += BATCH) {
        for (let i = 0; i < BATCH; i++) {
          const row = order[start + i]!;
          x.set(data.features.subarray(row * 784, row * 784 + 784), i * 784);
          t[i] = data.labels[row]!;
        }
        scope(() => {
          const pass = model.lossAndGradient(
            tensor(x, { shape: [BATCH, 784], dtype: "float", backend: "wasm" }),
            tensor(t, { dtype: "int32", backend: "wasm" }),
          );
          pass.loss.item();
          optimizer.step(model.params, pass.grads);
        });
      }
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
    },
  };
}

/** backprop's `fit`, one epoch per call, no per-epoch evaluation (tfjs-layers does none either). */
export function backpropFit(spec: NetSpec, data: BenchData): Contender {
  const model = backpropNet(spec);
  const optimizer = new SGD({ lr: spec.lr });
  let seed = 0;
  return {
    async epoch() {
      await fit({
        model,
        optimizer,
        train: data,
        epochs: 1,
        batchSize: BATCH,
        evaluateTrain: false,
        seed: seed++,
      });
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
    },
  };
}

/**
 * tfjs-layers as its users run it: a `tf.sequential` of dense (batchNormalization, activation)
 * layers, softmax output, `compile({ optimizer: sgd, loss: "categoricalCrossentropy" })`, and
 * `model.fit(xs, ys, { batchSize: 100, epochs: 1 })` with the defaults (shuffle on); only
 * `verbose: 0`, so that no progress is printed.
 */
export function tfjsLayersFit(spec: NetSpec, data: BenchData): Contender {
  const model = tfl.sequential();
  const hidden = spec.sizes.slice(1, -1);
  hidden.forEach((units, i) => {
    const dense = spec.batchNorm
      ? tfl.layers.dense({ units, ...(i === 0 ? { inputShape: [784] } : {}) })
      : tfl.layers.dense({
          units,
          activation: spec.activation,
          ...(i === 0 ? { inputShape: [784] } : {}),
        });
    model.add(dense);
    if (spec.batchNorm) {
      model.add(tfl.layers.batchNormalization());
      model.add(tfl.layers.activation({ activation: spec.activation }));
    }
  });
  model.add(tfl.layers.dense({ units: spec.sizes.at(-1)!, activation: "softmax" }));
  model.compile({ optimizer: tf.train.sgd(spec.lr), loss: "categoricalCrossentropy" });
  const xs = tf.tensor2d(data.features, [data.count, 784]);
  const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.labels, "int32"), 10), "float32"));
  return {
    async epoch() {
      await model.fit(xs, ys, { batchSize: BATCH, epochs: 1, verbose: 0 });
    },
    dispose() {
      model.dispose();
      tf.dispose([xs, ys]);
    },
  };
}

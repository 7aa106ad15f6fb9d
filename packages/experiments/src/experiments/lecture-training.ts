import type { WeightInit } from "@backprop/init";
import { multiLayerNet, type Sequential } from "@backprop/layers";
import { createOptimizer, type OptimizerName } from "@backprop/optimizers";
import { deriveRng, type Rng } from "@backprop/random";
import { argMax, scope, tensor } from "@backprop/tensor-core";
import { type Dataset, evaluate, fit, type History } from "@backprop/trainer";
import type { RunContext } from "../context.js";
import type { MnistData } from "../types.js";

/** A network of the lecture's PyTorch code, trained by its loop. */
export interface LectureRun {
  readonly hidden: readonly number[];
  readonly init?: WeightInit;
  readonly batchNorm?: boolean;
  readonly dropout?: number;
  readonly optimizer: OptimizerName;
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Names the run's random streams (init, shuffles, masks). */
  readonly tag: string;
}

/**
 * Test accuracy with the network left in training mode (Dropout dropping, BatchNorm on batch
 * statistics) — what forgetting the lecture's `model.eval()` would score.
 */
export function trainModeAccuracy(
  model: Sequential,
  data: Dataset,
  rng: Rng,
  batchSize = 500,
): number {
  const k = data.features.length / data.count;
  const backend = model.params.values().next().value!.backend;
  let correct = 0;
  for (let start = 0; start < data.count; start += batchSize) {
    const n = Math.min(batchSize, data.count - start);
    const predicted = scope(() => {
      const x = tensor(data.features.subarray(start * k, (start + n) * k), {
        shape: [n, k],
        dtype: "float",
        backend,
      });
      return argMax(model.forward(x, { training: true, rng })).dataSync();
    });
    for (let i = 0; i < n; i++) if (predicted[i] === data.labels[start + i]) correct++;
  }
  return correct / data.count;
}

/** What a run gives: the average cost per epoch (the lecture prints it), test accuracy, the net. */
export interface LectureOutcome {
  readonly costs: number[];
  readonly testAccuracy: number;
  readonly history: History;
  readonly model: Sequential;
}

/**
 * The lecture's loop — shuffled mini-batches with `drop_last=True`, `epochs` passes, the average
 * cost of each pass, then accuracy on the test set in eval mode — for a multi-layer net built with
 * the given init (biases start at zero). The caller disposes `model`.
 */
export async function trainLectureNet(
  ctx: RunContext<unknown>,
  data: MnistData,
  run: LectureRun,
): Promise<LectureOutcome> {
  const inputSize = data.train.features.length / data.train.count;
  const model = multiLayerNet({
    inputSize,
    hiddenSizes: run.hidden,
    outputSize: 10,
    activation: "relu",
    ...(run.init === undefined ? {} : { weightInit: run.init }),
    batchNorm: run.batchNorm ?? false,
    dropout: run.dropout ?? 0,
    rng: deriveRng(ctx.seed, "init", run.tag),
  });
  const { history } = await fit({
    model,
    optimizer: createOptimizer(run.optimizer, { lr: run.lr }),
    train: data.train,
    epochs: run.epochs,
    batchSize: run.batchSize,
    dropLast: true,
    evaluateTrain: false,
    seed: deriveRng(ctx.seed, "fit", run.tag).integer(0, 2 ** 31),
    callbacks: [
      {
        onEpochEnd: (logs) =>
          ctx.progress(`${run.tag}: epoch ${logs.epoch} cost ${logs.loss.toFixed(6)}`),
      },
    ],
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  return {
    costs: history.epochs.map((e) => e.loss),
    testAccuracy: evaluate(model, data.test).accuracy,
    history,
    model,
  };
}

import { InvalidOptionError } from "@backprop/errors";
import { argMax, greater, scope, type Tensor } from "@backprop/tensor-core";
import { BatchTensors } from "./batch-tensors.js";
import { checkDataset } from "./dataset-ops.js";
import type { Dataset, TrainableModel } from "./types.js";

/**
 * Options of {@link evaluate}.
 *
 * @example
 * ```ts
 * import type { EvaluateOptions } from "@backprop/trainer";
 * const options: EvaluateOptions = { batchSize: 500, indices: [0, 2, 4] }; // score three rows
 * console.log(options.indices?.length); // 3
 * ```
 */
export interface EvaluateOptions {
  /** Rows per forward pass (default 1000; only memory depends on it). */
  readonly batchSize?: number;
  /** Evaluate only these rows (an evaluation sample), in this order. Default: all. */
  readonly indices?: ArrayLike<number>;
}

/**
 * What {@link evaluate} measures.
 *
 * @example
 * ```ts
 * import { confusionMatrix, type Evaluation } from "@backprop/trainer";
 * const result: Evaluation = { loss: 0.3, accuracy: 0.5, count: 2, predictions: new Int32Array([1, 1]), labels: new Int32Array([0, 1]) };
 * console.log(confusionMatrix(result.labels, result.predictions, 2)); // [ [ 0, 1 ], [ 0, 1 ] ]
 * ```
 */
export interface Evaluation {
  /** Mean data loss over the rows (no weight-decay term); NaN when the model has no loss. */
  readonly loss: number;
  /** Fraction of rows whose predicted class is the label. */
  readonly accuracy: number;
  readonly count: number;
  /** The predicted class of every evaluated row, in order. */
  readonly predictions: Int32Array;
  /** The labels of the evaluated rows, in the same order. */
  readonly labels: Int32Array;
}

/**
 * Scores a model in eval mode (Dropout off, BatchNorm on running statistics), batch by batch:
 * mean loss, accuracy and every row's predicted class — the arg-max of the output, or for a
 * single output unit (logits of a sigmoid cross-entropy) whether it is above 0.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { evaluate } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const model = multiLayerNet({ inputSize: 2, hiddenSizes: [4], outputSize: 2, rng: createRng(0) });
 * const data = { count: 2, featureShape: [2], features: new Float32Array([0, 1, 1, 0]), labels: new Int32Array([1, 0]) };
 * const { accuracy, predictions } = evaluate(model, data);
 * console.log(accuracy >= 0 && accuracy <= 1, predictions.length); // true 2
 * ```
 */
export function evaluate(
  model: TrainableModel,
  data: Dataset,
  options: EvaluateOptions = {},
): Evaluation {
  const op = "evaluate";
  checkDataset(op, "data", data);
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new InvalidOptionError({
      op,
      option: "batchSize",
      value: batchSize,
      expected: "an integer >= 1",
    });
  }
  const rows = options.indices ?? Int32Array.from({ length: data.count }, (_, i) => i);
  const first = model.params.values().next().value as Tensor | undefined;
  const backend = first?.backend;
  if (backend === undefined) {
    throw new InvalidOptionError({
      op,
      option: "model",
      value: "a model without parameters",
      expected: "a model with parameters (their backend is where it runs)",
    });
  }
  const batches = new BatchTensors(data, backend);
  const predictions = new Int32Array(rows.length);
  const labels = new Int32Array(rows.length);
  let lossSum = 0;
  let correct = 0;
  const lossFunction = model.lossFunction;
  for (let start = 0; start < rows.length; start += batchSize) {
    const end = Math.min(start + batchSize, rows.length);
    const index = Array.prototype.slice.call(rows, start, end) as number[];
    scope(() => {
      const batch = batches.make(index);
      const y = model.forward(batch.x, { training: false });
      const classes = y.shape[y.rank - 1] === 1 ? greater(y, 0) : argMax(y);
      const predicted = classes.dataSync();
      for (let i = 0; i < predicted.length; i++) {
        const p = Number(predicted[i]);
        predictions[start + i] = p;
        labels[start + i] = batch.labels[i]!;
        if (p === batch.labels[i]) correct++;
      }
      if (lossFunction !== undefined)
        lossSum += lossFunction.forward(y, batch.t).item() * (end - start);
    });
  }
  return {
    loss: lossFunction === undefined ? Number.NaN : lossSum / rows.length,
    accuracy: correct / rows.length,
    count: rows.length,
    predictions,
    labels,
  };
}

/**
 * `matrix[true][predicted]` counts of an evaluation (rows: true class, columns: predicted).
 *
 * @example
 * ```ts
 * import { confusionMatrix } from "@backprop/trainer";
 * console.log(confusionMatrix([0, 1, 1], [0, 0, 1], 2)); // [ [ 1, 0 ], [ 1, 1 ] ]
 * ```
 */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  numClasses: number,
): number[][] {
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const row = matrix[labels[i]!];
    const p = predictions[i]!;
    if (row !== undefined && p >= 0 && p < numClasses) row[p]!++;
  }
  return matrix;
}

import type { Optimizer } from "@backprop/optimizers";
import { type Dataset, fit, type TrainableModel } from "@backprop/trainer";

/** Options of {@link trainIterations} (internal: the loop the MNIST comparisons share). */
export interface TrainIterationsOptions {
  readonly model: TrainableModel;
  readonly optimizer: Optimizer;
  readonly train: Dataset;
  /** Optimizer steps in all (the book's max_iterations). */
  readonly iterations: number;
  readonly batchSize: number;
  /** Seed of the batch draws: the same seed gives every model the same batches. */
  readonly seed: number;
  /** Called every `every` steps with the step number and the loss of that batch. */
  readonly onStep?: (iteration: number, loss: number) => void;
  readonly every?: number;
  readonly signal?: AbortSignal;
}

/**
 * The book's comparison loop (optimizer_compare_mnist.py, weight_init_compare.py): `iterations`
 * steps on batches drawn with replacement, the loss of every batch recorded, no evaluation in
 * between — run with the trainer's book mode. The loss is the batch's before its update (the
 * book records it just after; the smoothed curves are indistinguishable).
 */
export async function trainIterations(options: TrainIterationsOptions): Promise<number[]> {
  const { iterations, batchSize, train } = options;
  const perEpoch = Math.max(train.count / batchSize, 1);
  const every = options.every ?? 500;
  const { history } = await fit({
    model: options.model,
    optimizer: options.optimizer,
    train,
    mode: "book",
    epochs: Math.max(1, Math.ceil(iterations / perEpoch)),
    batchSize,
    evaluateTrain: false,
    seed: options.seed,
    callbacks: [
      {
        onBatchEnd: (logs, control) => {
          if (logs.iteration % every === 0) options.onStep?.(logs.iteration, logs.loss);
          if (logs.iteration >= iterations) control.stop(`${iterations} iterations`);
        },
      },
    ],
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return history.loss.slice(0, iterations);
}

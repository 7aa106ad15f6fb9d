import type { SafetensorsEntry } from "@backprop/layers";
import type { Optimizer } from "@backprop/optimizers";
import type { Rng, RngState } from "@backprop/random";
import type { Tensor } from "@backprop/tensor-core";

/**
 * The data the trainer reads: rows of float features and their class labels. Structural — the
 * datasets of `@backprop/data-mnist` fit it, and so does a plain object — so the trainer depends
 * on no data package.
 *
 * @example
 * ```ts
 * import type { Dataset } from "@backprop/trainer";
 * const xor: Dataset = {
 *   count: 4,
 *   featureShape: [2],
 *   features: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]),
 *   labels: new Int32Array([0, 1, 1, 0]),
 * };
 * console.log(xor.count); // 4
 * ```
 */
export interface Dataset {
  readonly count: number;
  /** Shape of one row, e.g. `[784]` or `[1, 28, 28]`. */
  readonly featureShape: readonly number[];
  /** Row-major features, `count × product(featureShape)`. */
  readonly features: Float32Array;
  /** The class index of every row (what accuracy is scored against). */
  readonly labels: ArrayLike<number>;
  /**
   * Float targets per row, when the loss wants them instead of class indices (binary
   * cross-entropy on `[count, 1]`, regression); `labels` still score accuracy.
   */
  readonly targets?: { readonly values: Float32Array; readonly shape: readonly number[] };
}

/**
 * What `fit` needs of a model — the shape of `@backprop/layers`' `Sequential`: named parameters,
 * one training pass that returns the loss with the gradients, an eval-mode forward and the loss
 * function for evaluation.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { createRng } from "@backprop/random";
 * import type { TrainableModel } from "@backprop/trainer";
 * const model: TrainableModel = multiLayerNet({ inputSize: 2, hiddenSizes: [4], outputSize: 2, rng: createRng(0) });
 * console.log(model.params.size); // 4
 * ```
 */
export interface TrainableModel {
  readonly params: Map<string, Tensor>;
  lossAndGradient(
    x: Tensor,
    t: Tensor,
    options: { readonly rng?: Rng },
  ): { loss: Tensor; grads: ReadonlyMap<string, Tensor> };
  forward(x: Tensor, options: { readonly training: false }): Tensor;
  /** Scores evaluation batches (the data loss, without a weight-decay term). */
  readonly lossFunction: { forward(y: Tensor, t: Tensor): Tensor } | undefined;
}

/**
 * Per-epoch numbers, flat: `"train.loss"`, `"train.accuracy"`, `"validation.loss"`,
 * `"validation.accuracy"`, and `"<name>.loss"`/`"<name>.accuracy"` for every extra evaluation
 * set (e.g. `"test.accuracy"`).
 *
 * @example
 * ```ts
 * import type { Metrics } from "@backprop/trainer";
 * const metrics: Metrics = { "train.accuracy": 0.99, "validation.accuracy": 0.97, "test.accuracy": 0.96 };
 * console.log(metrics["validation.accuracy"]); // 0.97
 * ```
 */
export type Metrics = Readonly<Record<string, number>>;

/**
 * What the trainer reports at the end of an epoch (in book mode: at each evaluation point).
 *
 * @example
 * ```ts
 * import type { EpochLogs } from "@backprop/trainer";
 * const logs: EpochLogs = { epoch: 3, iteration: 240, lr: 0.01, loss: 0.21, metrics: { "validation.accuracy": 0.95 }, seconds: 1.5, samplesPerSecond: 16000 };
 * console.log(`epoch ${logs.epoch}: val acc ${logs.metrics["validation.accuracy"]}`); // epoch 3: val acc 0.95
 * ```
 */
export interface EpochLogs {
  /** 1-based. */
  readonly epoch: number;
  /** Optimizer steps taken so far. */
  readonly iteration: number;
  /** Learning rate used in this epoch. */
  readonly lr: number;
  /** Mean training-mode batch loss over the epoch's steps (weight-decay term included). */
  readonly loss: number;
  /** Evaluation results in eval mode (see {@link Metrics}). */
  readonly metrics: Metrics;
  /** Wall time of the epoch's training steps, in seconds (evaluation excluded). */
  readonly seconds: number;
  /** Training samples per second over the epoch's steps. */
  readonly samplesPerSecond: number;
}

/**
 * What the trainer reports after every optimizer step.
 *
 * @example
 * ```ts
 * import type { BatchLogs } from "@backprop/trainer";
 * const logs: BatchLogs = { epoch: 1, epochs: 5, batch: 20, batches: 80, iteration: 20, size: 100, loss: 0.9, samplesPerSecond: 15000, etaSeconds: 2.5 };
 * console.log(`${logs.batch}/${logs.batches} loss ${logs.loss}`); // 20/80 loss 0.9
 * ```
 */
export interface BatchLogs {
  readonly epoch: number;
  readonly epochs: number;
  /** 1-based batch number within the epoch. */
  readonly batch: number;
  readonly batches: number;
  /** Optimizer steps taken so far (this one included). */
  readonly iteration: number;
  readonly size: number;
  /** The batch's training-mode loss. */
  readonly loss: number;
  /** Samples per second since the epoch began. */
  readonly samplesPerSecond: number;
  /** Seconds left in the run at the current speed (evaluation not counted). */
  readonly etaSeconds: number;
}

/**
 * The record of a run: plain JSON.
 *
 * @example
 * ```ts
 * import type { History } from "@backprop/trainer";
 * const history: History = { loss: [2.3, 1.1, 0.7], epochs: [] };
 * console.log(JSON.parse(JSON.stringify(history)).loss.length); // 3
 * ```
 */
export interface History {
  /** Training-mode batch loss of every step, in order (the book's `train_loss_list`). */
  readonly loss: number[];
  /** One entry per epoch (book mode: per evaluation point). */
  readonly epochs: EpochLogs[];
}

/**
 * A callback's saved state: JSON, plus tensors as plain arrays (a checkpoint stores both).
 *
 * @example
 * ```ts
 * import type { Callback, CallbackState } from "@backprop/trainer";
 * let best = Number.POSITIVE_INFINITY;
 * const tracker: Callback = {
 *   name: "bestLoss",
 *   onEpochEnd: (logs) => void (best = Math.min(best, logs.loss)),
 *   state: (): CallbackState => ({ json: { best } }),
 *   loadState: (s) => void (best = (s.json as { best: number }).best),
 * };
 * tracker.loadState?.({ json: { best: 0.5 } });
 * console.log(tracker.state?.().json); // { best: 0.5 }
 * ```
 */
export interface CallbackState {
  readonly json: unknown;
  /** e.g. EarlyStopping's best weights (`modelTensors` of `@backprop/layers`). */
  readonly tensors?: ReadonlyMap<string, SafetensorsEntry>;
}

/**
 * Everything a checkpoint needs besides the model and the optimizer to continue a run exactly:
 * plain JSON.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { sgd } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { fit, type TrainerState } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const data = { count: 4, featureShape: [1], features: new Float32Array(4), labels: new Int32Array(4) };
 * const model = multiLayerNet({ inputSize: 1, hiddenSizes: [2], outputSize: 2, rng: createRng(0) });
 * const state: TrainerState = (await fit({ model, optimizer: sgd(), train: data, epochs: 2, batchSize: 2, seed: 9 })).state;
 * console.log(state.epoch, state.iteration, state.seed); // 2 4 9
 * ```
 */
export interface TrainerState {
  readonly version: 1;
  readonly mode: "epoch" | "book";
  readonly seed: number;
  /** Epochs completed (book mode: evaluation points passed). */
  readonly epoch: number;
  /** Optimizer steps taken. */
  readonly iteration: number;
  /** The trainer's random streams: batch order, Dropout masks, evaluation samples. */
  readonly rng: {
    readonly shuffle: RngState;
    readonly dropout: RngState;
    readonly sample: RngState;
  };
  readonly history: History;
  /** States of the named callbacks that have one (by callback name). */
  readonly callbacks: Readonly<Record<string, CallbackState>>;
}

/**
 * What a callback sees of the run and may change.
 *
 * @example
 * ```ts
 * import type { Callback } from "@backprop/trainer";
 * // Halve the rate after epoch 5 and stop after epoch 10, through the control object.
 * const plan: Callback = {
 *   onEpochEnd: (logs, control) => {
 *     if (logs.epoch === 5) control.lr = control.lr / 2;
 *     if (logs.epoch === 10) control.stop("planned stop");
 *   },
 * };
 * console.log(typeof plan.onEpochEnd); // function
 * ```
 */
export interface TrainingControl {
  readonly model: TrainableModel;
  readonly optimizer: Optimizer;
  /** Epochs to run in all (the current run's target). */
  readonly epochs: number;
  /** Epochs completed so far. */
  readonly epoch: number;
  readonly iteration: number;
  readonly history: History;
  /** The optimizer's learning rate (set it to schedule). */
  lr: number;
  /** Ends the run after the current step (or at the end of the current epoch hook). */
  stop(reason: string): void;
  /** Whether `stop` was called. */
  readonly stopping: boolean;
  /** The trainer's state now (what a checkpoint stores next to the model and optimizer). */
  state(): TrainerState;
}

/**
 * A callback: a plain object with any of these hooks (all optional; each may be async). Other
 * packages (hpo's pruning) supply one without importing the trainer. A callback with a `name`
 * and `state`/`loadState` is saved in checkpoints and restored on resume.
 *
 * Order within an epoch: `onEpochBegin` → steps (`onBatchEnd` after each) → evaluation →
 * `onEpochEnd` of every callback → `onCheckpoint` of every callback (state is final for the
 * epoch there, so checkpoints written then resume exactly).
 *
 * @example
 * ```ts
 * import type { Callback } from "@backprop/trainer";
 * const lines: string[] = [];
 * const printer: Callback = {
 *   onEpochEnd: (logs) => void lines.push(`epoch ${logs.epoch}: loss ${logs.loss.toFixed(3)}`),
 * };
 * console.log(Object.keys(printer)); // [ 'onEpochEnd' ]
 * ```
 */
export interface Callback {
  /** Key of this callback's state in checkpoints (needed with `state`). */
  readonly name?: string;
  onTrainBegin?(control: TrainingControl): void | Promise<void>;
  onEpochBegin?(epoch: number, control: TrainingControl): void | Promise<void>;
  onBatchEnd?(logs: BatchLogs, control: TrainingControl): void | Promise<void>;
  onEpochEnd?(logs: EpochLogs, control: TrainingControl): void | Promise<void>;
  onCheckpoint?(logs: EpochLogs, control: TrainingControl): void | Promise<void>;
  onTrainEnd?(result: FitResult, control: TrainingControl): void | Promise<void>;
  state?(): CallbackState;
  loadState?(state: CallbackState): void;
}

/**
 * Why a run ended.
 *
 * @example
 * ```ts
 * import type { StopReason } from "@backprop/trainer";
 * const explain: Record<StopReason, string> = { completed: "ran all epochs", stopped: "a callback stopped it", aborted: "the AbortSignal fired" };
 * console.log(explain.stopped); // a callback stopped it
 * ```
 */
export type StopReason = "completed" | "stopped" | "aborted";

/**
 * What `fit` returns.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { sgd } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { type FitResult, fit } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const data = { count: 4, featureShape: [1], features: new Float32Array(4), labels: new Int32Array(4) };
 * const model = multiLayerNet({ inputSize: 1, hiddenSizes: [2], outputSize: 2, rng: createRng(0) });
 * const result: FitResult = await fit({ model, optimizer: sgd(), train: data, epochs: 3, callbacks: [{ onEpochEnd: (l, c) => void (l.epoch === 2 && c.stop("enough")) }] });
 * console.log(result.stopReason, result.stopMessage, result.history.epochs.length); // stopped enough 2
 * ```
 */
export interface FitResult {
  readonly history: History;
  readonly stopReason: StopReason;
  /** The reason given to `control.stop`, when a callback stopped the run. */
  readonly stopMessage?: string;
  /** The trainer's final state (for a checkpoint of the finished run). */
  readonly state: TrainerState;
}

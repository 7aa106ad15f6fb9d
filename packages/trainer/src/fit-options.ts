import { InvalidOptionError } from "@backprop/errors";
import type { Optimizer } from "@backprop/optimizers";
import { checkDataset } from "./dataset-ops.js";
import type { Callback, Dataset, TrainableModel, TrainerState } from "./types.js";

/**
 * Options of {@link fit}.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { sgd } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { type FitOptions, fit } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const data = { count: 10, featureShape: [2], features: new Float32Array(20).fill(0.5), labels: new Int32Array(10) };
 * const options: FitOptions = {
 *   model: multiLayerNet({ inputSize: 2, hiddenSizes: [3], outputSize: 2, rng: createRng(0) }),
 *   optimizer: sgd({ lr: 0.1 }),
 *   train: data,
 *   epochs: 2,
 *   batchSize: 5,
 *   mode: "book", // the book's Trainer: 10 / 5 = 2 iterations per epoch, batches with replacement
 * };
 * console.log((await fit(options)).state.iteration); // 4
 * ```
 */
export interface FitOptions {
  readonly model: TrainableModel;
  readonly optimizer: Optimizer;
  readonly train: Dataset;
  /** Epochs in all — a resumed run continues up to this many (book mode: evaluation points). */
  readonly epochs: number;
  /** Rows per step (default 100, the book's). */
  readonly batchSize?: number;
  /** Seed of every random stream of the run: batch order, Dropout masks, evaluation samples, the validation split (default 0). */
  readonly seed?: number;
  /** Shuffle the rows every epoch (epoch mode; default true). */
  readonly shuffle?: boolean;
  /** Skip a last batch smaller than `batchSize` (epoch mode; default false). */
  readonly dropLast?: boolean;
  /** Data to validate on after every epoch (never the test set while tuning). */
  readonly validation?: Dataset;
  /** Or: hold out this fraction of `train`, split at random from the seed (the book: 0.2). */
  readonly validationSplit?: number;
  /** Keep every class's share in the validation split (default true). */
  readonly stratify?: boolean;
  /** More sets scored after every epoch under their names, e.g. `{ test }` for the book's curves. */
  readonly evaluate?: Readonly<Record<string, Dataset>>;
  /** Score every set on a fresh random sample of this many rows per epoch (the book's `evaluate_sample_num_per_epoch`, sampled rather than "the first N"). Default: all rows. */
  readonly evaluationSample?: number;
  /** Score the training set after every epoch (default true). */
  readonly evaluateTrain?: boolean;
  /** Rows per evaluation forward pass (default 1000). */
  readonly evaluationBatchSize?: number;
  /**
   * `"epoch"` (default): every row once per epoch, in a fresh seeded order. `"book"`: the book's
   * Trainer — `max(count / batchSize, 1)` iterations per epoch, each batch drawn *with*
   * replacement, evaluation after iteration 0 and then every epoch's worth of iterations.
   */
  readonly mode?: "epoch" | "book";
  readonly callbacks?: readonly Callback[];
  /** Stops the run cleanly between two steps; `fit` then resolves with `stopReason: "aborted"`. */
  readonly signal?: AbortSignal;
  /** Continue a run from a checkpoint's trainer state (with its model and optimizer). */
  readonly resume?: TrainerState;
  /** Yield to the event loop when a step sequence has run this long, in ms (default 25). */
  readonly yieldIntervalMs?: number;
}

/** The options with defaults applied, checked once. */
export interface ResolvedFit {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly mode: "epoch" | "book";
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly evaluateTrain: boolean;
  readonly evaluationSample: number | undefined;
  readonly evaluationBatchSize: number;
  readonly yieldIntervalMs: number;
  readonly callbacks: readonly Callback[];
}

const OP = "fit";

const steps = (n: number) => `${n} step${n === 1 ? "" : "s"}`;

function integer(option: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidOptionError({ op: OP, option, value, expected: `an integer >= ${min}` });
  }
  return value;
}

/** Checks `fit`'s options and applies the defaults. */
export function resolveFitOptions(options: FitOptions): ResolvedFit {
  if (options === undefined || options === null || typeof options !== "object") {
    throw new InvalidOptionError({
      op: OP,
      option: "options",
      value: options,
      expected: "an options object",
    });
  }
  if (options.model === undefined || typeof options.model.lossAndGradient !== "function") {
    throw new InvalidOptionError({
      op: OP,
      option: "model",
      value: options.model,
      expected:
        "a model with params, lossAndGradient and forward (a Sequential of @backprop/layers)",
    });
  }
  if (options.optimizer === undefined || typeof options.optimizer.step !== "function") {
    throw new InvalidOptionError({
      op: OP,
      option: "optimizer",
      value: options.optimizer,
      expected: "an optimizer of @backprop/optimizers",
    });
  }
  checkDataset(OP, "train", options.train);
  if (options.validation !== undefined) checkDataset(OP, "validation", options.validation);
  for (const [name, data] of Object.entries(options.evaluate ?? {})) {
    if (name === "train" || name === "validation") {
      throw new InvalidOptionError({
        op: OP,
        option: `evaluate.${name}`,
        value: name,
        expected: "a name other than 'train' and 'validation' (those are scored already)",
      });
    }
    checkDataset(OP, `evaluate.${name}`, data);
  }
  if (options.validation !== undefined && options.validationSplit !== undefined) {
    throw new InvalidOptionError({
      op: OP,
      option: "validationSplit",
      value: options.validationSplit,
      expected: "undefined when validation data is given (one or the other)",
    });
  }
  const split = options.validationSplit;
  if (split !== undefined && !(typeof split === "number" && split > 0 && split < 1)) {
    throw new InvalidOptionError({
      op: OP,
      option: "validationSplit",
      value: split,
      expected: "a fraction in (0, 1)",
    });
  }
  const mode = options.mode ?? "epoch";
  if (mode !== "epoch" && mode !== "book") {
    throw new InvalidOptionError({
      op: OP,
      option: "mode",
      value: mode,
      expected: "'epoch' or 'book'",
    });
  }
  const resume = options.resume;
  const seed = options.seed ?? resume?.seed ?? 0;
  integer("seed", seed, Number.MIN_SAFE_INTEGER);
  if (resume !== undefined) {
    if (resume?.version !== 1) {
      throw new InvalidOptionError({
        op: OP,
        option: "resume.version",
        value: resume?.version,
        expected: "1 (a trainer state from a checkpoint)",
      });
    }
    if (resume.seed !== seed) {
      throw new InvalidOptionError({
        op: OP,
        option: "seed",
        value: seed,
        expected: `the resumed run's seed ${resume.seed}`,
      });
    }
    if (resume.mode !== mode) {
      throw new InvalidOptionError({
        op: OP,
        option: "mode",
        value: mode,
        expected: `the resumed run's mode '${resume.mode}'`,
      });
    }
    if (options.optimizer.iterations !== resume.iteration) {
      throw new InvalidOptionError({
        op: OP,
        option: "optimizer",
        value: `an optimizer after ${steps(options.optimizer.iterations)}`,
        expected: `the checkpoint's optimizer (after ${steps(resume.iteration)}): restore it with the state`,
      });
    }
  }
  const evaluationSample =
    options.evaluationSample === undefined
      ? undefined
      : integer("evaluationSample", options.evaluationSample, 1);
  const callbacks = options.callbacks ?? [];
  const names = new Set<string>();
  callbacks.forEach((cb, i) => {
    if (cb === null || typeof cb !== "object") {
      throw new InvalidOptionError({
        op: OP,
        option: `callbacks[${i}]`,
        value: cb,
        expected: "a callback object",
      });
    }
    if (cb.name === undefined) return;
    if (names.has(cb.name)) {
      throw new InvalidOptionError({
        op: OP,
        option: `callbacks[${i}].name`,
        value: cb.name,
        expected: "a name no other callback has (checkpoints key states by name)",
      });
    }
    names.add(cb.name);
  });
  const yieldIntervalMs = options.yieldIntervalMs ?? 25;
  if (!(yieldIntervalMs >= 0)) {
    throw new InvalidOptionError({
      op: OP,
      option: "yieldIntervalMs",
      value: yieldIntervalMs,
      expected: "a number of ms >= 0",
    });
  }
  return {
    epochs: integer("epochs", options.epochs, 1),
    batchSize: integer("batchSize", options.batchSize ?? 100, 1),
    seed,
    mode,
    shuffle: options.shuffle ?? true,
    dropLast: options.dropLast ?? false,
    evaluateTrain: options.evaluateTrain ?? true,
    evaluationSample,
    evaluationBatchSize: integer("evaluationBatchSize", options.evaluationBatchSize ?? 1000, 1),
    yieldIntervalMs,
    callbacks,
  };
}

import { InvalidOptionError } from "@backprop/errors";
import { multiLayerNet } from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { deriveRng } from "@backprop/random";
import {
  type Callback,
  type Dataset,
  evaluate,
  fit,
  selectRows,
  splitDataset,
} from "@backprop/trainer";

/**
 * Settings of the book's hyperparameter search (chapter 6.5): which rows, which net, how long.
 *
 * @example
 * ```ts
 * import { BOOK_SEARCH_FULL, type BookSearchSettings } from "@backprop/experiments";
 * const book: BookSearchSettings = BOOK_SEARCH_FULL;
 * console.log(book.trainSize, book.hiddenLayers, book.epochs, book.lr); // 500 6 50 [ 0.000001, 0.01 ]
 * ```
 */
export interface BookSearchSettings {
  /** Rows of the training data used, drawn at random from the seed (the book: 500). */
  readonly trainSize: number;
  /** The share of them held out as validation data, split at random from the seed (the book: 0.2). */
  readonly validationFraction: number;
  /** Hidden layers of `hiddenSize` ReLU units (the book: 6 × 100). */
  readonly hiddenLayers: number;
  readonly hiddenSize: number;
  /** Epochs of the book's training loop per trial (the book: 50). */
  readonly epochs: number;
  readonly batchSize: number;
  /** The learning rate's range, searched log-uniformly (the book: 10^[-6, -2]). */
  readonly lr: readonly [number, number];
  /** The weight decay's range, searched log-uniformly (the book: 10^[-8, -4]). */
  readonly weightDecay: readonly [number, number];
}

/**
 * The book's settings: 500 rows (400 train, 100 validation), 784-[100]×6-10, SGD, 50 epochs.
 *
 * @example
 * ```ts
 * import { BOOK_SEARCH_FULL } from "@backprop/experiments";
 * console.log(BOOK_SEARCH_FULL.validationFraction, BOOK_SEARCH_FULL.weightDecay); // 0.2 [ 1e-8, 0.0001 ]
 * ```
 */
export const BOOK_SEARCH_FULL: BookSearchSettings = {
  trainSize: 500,
  validationFraction: 0.2,
  hiddenLayers: 6,
  hiddenSize: 100,
  epochs: 50,
  batchSize: 100,
  lr: [1e-6, 1e-2],
  weightDecay: [1e-8, 1e-4],
};

/**
 * The quick version: the same data, net and ranges, 10 epochs per trial.
 *
 * @example
 * ```ts
 * import { BOOK_SEARCH_QUICK } from "@backprop/experiments";
 * console.log(BOOK_SEARCH_QUICK.epochs, BOOK_SEARCH_QUICK.trainSize); // 10 500
 * ```
 */
export const BOOK_SEARCH_QUICK: BookSearchSettings = { ...BOOK_SEARCH_FULL, epochs: 10 };

/**
 * The trial user attribute where each trial's per-epoch curves go (for the best-20 figure):
 * `{ validation: number[], train: number[] }`, accuracies after each epoch.
 *
 * @example
 * ```ts
 * import { BOOK_SEARCH_CURVES_KEY } from "@backprop/experiments";
 * console.log(BOOK_SEARCH_CURVES_KEY); // curves
 * ```
 */
export const BOOK_SEARCH_CURVES_KEY = "curves";

/**
 * What the book objective needs of a trial — the shape of `@backprop/hpo`'s `Trial`, declared
 * here so this package does not depend on hpo (any object of this shape works, e.g. hpo's
 * `FixedTrial`).
 *
 * @example
 * ```ts
 * import type { BookSearchTrial } from "@backprop/experiments";
 * const reported: number[] = [];
 * const fixed: BookSearchTrial = {
 *   number: 0,
 *   suggestFloat: (name) => (name === "lr" ? 0.01 : 1e-6),
 *   report: (value) => void reported.push(value),
 *   shouldPrune: () => false,
 * };
 * console.log(fixed.suggestFloat("lr", 1e-6, 1e-2, { log: true })); // 0.01
 * ```
 */
export interface BookSearchTrial {
  readonly number?: number;
  suggestFloat(
    name: string,
    low: number,
    high: number,
    options?: { readonly log?: boolean },
  ): number;
  report(value: number, step: number): void;
  shouldPrune(): boolean;
  /** Where the per-epoch curves are kept (`curves`: `{ validation, train }`), when the trial has it. */
  setUserAttr?(
    key: string,
    value: { readonly validation: number[]; readonly train: number[] },
  ): void;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The parameter ranges of one search (stage): each `{ low, high }`, searched log-uniformly.
 *
 * @example
 * ```ts
 * import type { BookSearchSpace } from "@backprop/experiments";
 * const narrowed: BookSearchSpace = { lr: { low: 1e-3, high: 1e-2 }, weight_decay: { low: 1e-8, high: 1e-6 } };
 * console.log(Object.keys(narrowed)); // [ 'lr', 'weight_decay' ]
 * ```
 */
export interface BookSearchSpace {
  readonly lr: { readonly low: number; readonly high: number };
  readonly weight_decay: { readonly low: number; readonly high: number };
}

/**
 * Options of {@link bookSearchObjective}.
 *
 * @example
 * ```ts
 * import type { BookSearchObjectiveOptions } from "@backprop/experiments";
 * const train = { count: 4, featureShape: [2], features: new Float32Array(8), labels: new Int32Array(4) };
 * const options: BookSearchObjectiveOptions = { train, seed: 1, settings: { epochs: 2 } };
 * console.log(options.settings?.epochs); // 2
 * ```
 */
export interface BookSearchObjectiveOptions {
  /** The training data — only that: the validation rows are split off it, the test set is not seen. */
  readonly train: Dataset;
  /** Seed of the rows, the split and every trial's initial weights and batches (default 0). */
  readonly seed?: number;
  /** The book's settings (default: the quick ones). */
  readonly full?: boolean;
  readonly settings?: Partial<BookSearchSettings>;
  /** Ranges to search instead of the settings' (a narrowed stage). */
  readonly space?: BookSearchSpace;
  /**
   * Training callbacks for a trial, e.g. `(trial) => [pruningCallback(trial, { monitor:
   * "validation.accuracy" })]` from `@backprop/hpo`, which reports each epoch's validation
   * accuracy and stops pruned trials. Without it the objective reports the accuracies itself
   * and never prunes.
   */
  readonly callbacks?: (trial: BookSearchTrial) => readonly Callback[];
}

function settingsOf(
  op: string,
  options: { full?: boolean; settings?: Partial<BookSearchSettings> },
) {
  const base = options.full === true ? BOOK_SEARCH_FULL : BOOK_SEARCH_QUICK;
  for (const key of Object.keys(options.settings ?? {}))
    if (!(key in base))
      throw new InvalidOptionError({
        op,
        option: `settings.${key}`,
        value: (options.settings as Record<string, unknown>)[key],
        expected: `one of ${Object.keys(base).join(", ")}`,
      });
  return { ...base, ...options.settings } as BookSearchSettings;
}

/** The search's rows of `train` and their seeded split into training and validation parts. */
function searchData(train: Dataset, seed: number, s: BookSearchSettings) {
  const n = Math.min(s.trainSize, train.count);
  const rows = deriveRng(seed, "book-search", "rows").sample(train.count, n);
  return splitDataset(selectRows(train, rows.sort()), {
    fraction: s.validationFraction,
    rng: deriveRng(seed, "book-search", "validation"),
    // The book shuffles and cuts off the first 20% (100 of 500 rows, so 400 / 100 = 4 whole
    // iterations per epoch); a per-class split would round to 101.
    stratified: false,
  });
}

function net(
  s: BookSearchSettings,
  weightDecay: number,
  inputSize: number,
  seed: number,
  n: number,
) {
  return multiLayerNet({
    inputSize,
    hiddenSizes: Array.from({ length: s.hiddenLayers }, () => s.hiddenSize),
    outputSize: 10,
    activation: "relu",
    preset: "book",
    weightDecay,
    rng: deriveRng(seed, "book-search", "init", n),
  });
}

const round = (values: readonly number[]) => values.map((v) => Math.round(v * 1e4) / 1e4);

/**
 * The book's hyperparameter-search objective (chapter 6.5): on `trainSize` rows of the
 * training data, 20% split off as validation data (seeded, as the book shuffles and cuts — never the test set),
 * it samples the learning rate from 10^[-6, -2] and the weight decay from 10^[-8, -4]
 * log-uniformly, trains a 784-[100]×6-10 ReLU net with SGD and that weight decay for a few
 * epochs of the book's loop, reports the validation accuracy after every epoch, keeps the
 * per-epoch validation and training curves as the trial's user attribute `curves`, and returns
 * the final validation accuracy. Evaluate the chosen configuration on the test set once,
 * afterwards, with {@link bookSearchTest}.
 *
 * @example
 * ```ts
 * import { bookSearchObjective, embeddedData } from "@backprop/experiments";
 * import { initBackend } from "@backprop/tensor-core";
 * await initBackend({ backend: "wasm" });
 * const { train } = await embeddedData();
 * const objective = bookSearchObjective({ train, seed: 1, settings: { epochs: 3, hiddenLayers: 2 } });
 * const reports: number[] = [];
 * const trial = { suggestFloat: (name: string) => (name === "lr" ? 0.01 : 1e-6), report: (v: number) => void reports.push(v), shouldPrune: () => false };
 * const accuracy = await objective(trial);
 * console.log(reports.length, accuracy === reports.at(-1)); // 3 true
 * ```
 */
export function bookSearchObjective(
  options: BookSearchObjectiveOptions,
): (trial: BookSearchTrial) => Promise<number> {
  const op = "bookSearchObjective";
  const s = settingsOf(op, options);
  const seed = options.seed ?? 0;
  const { train, validation } = searchData(options.train, seed, s);
  const space = options.space ?? {
    lr: { low: s.lr[0], high: s.lr[1] },
    weight_decay: { low: s.weightDecay[0], high: s.weightDecay[1] },
  };
  const inputSize = train.features.length / train.count;
  return async (trial) => {
    const lr = trial.suggestFloat("lr", space.lr.low, space.lr.high, { log: true });
    const weightDecay = trial.suggestFloat(
      "weight_decay",
      space.weight_decay.low,
      space.weight_decay.high,
      { log: true },
    );
    const number = trial.number ?? 0;
    const model = net(s, weightDecay, inputSize, seed, number);
    const curves = { validation: [] as number[], train: [] as number[] };
    // The curves are written once, when the run ends (pruned runs included: this callback's
    // onTrainEnd comes before the pruning callback's), not after every epoch.
    const keep: Callback = {
      onEpochEnd: (logs) => {
        curves.validation.push(logs.metrics["validation.accuracy"]!);
        curves.train.push(logs.metrics["train.accuracy"]!);
      },
      onTrainEnd: () =>
        trial.setUserAttr?.(BOOK_SEARCH_CURVES_KEY, {
          validation: round(curves.validation),
          train: round(curves.train),
        }),
    };
    const report: Callback = {
      onEpochEnd: (logs) => trial.report(logs.metrics["validation.accuracy"]!, logs.epoch),
    };
    try {
      const { history } = await fit({
        model,
        optimizer: sgd({ lr }),
        train,
        validation,
        mode: "book",
        epochs: s.epochs,
        batchSize: s.batchSize,
        seed: deriveRng(seed, "book-search", "fit", number).integer(0, 2 ** 31 - 1),
        callbacks: [keep, ...(options.callbacks?.(trial) ?? [report])],
        ...(trial.signal === undefined ? {} : { signal: trial.signal }),
      });
      trial.signal?.throwIfAborted();
      return history.epochs.at(-1)!.metrics["validation.accuracy"]!;
    } finally {
      model.dispose();
    }
  };
}

/**
 * Options of {@link bookSearchTest}.
 *
 * @example
 * ```ts
 * import type { BookSearchTestOptions } from "@backprop/experiments";
 * const data = { count: 4, featureShape: [2], features: new Float32Array(8), labels: new Int32Array(4) };
 * const options: BookSearchTestOptions = { train: data, test: data, params: { lr: 0.01, weight_decay: 1e-6 } };
 * console.log(options.params.lr); // 0.01
 * ```
 */
export interface BookSearchTestOptions {
  readonly train: Dataset;
  readonly test: Dataset;
  /** The chosen configuration (`lr`, `weight_decay`), e.g. the study's best parameters. */
  readonly params: { readonly lr: number; readonly weight_decay: number };
  /** The seed and settings the search used (the same rows and split). */
  readonly seed?: number;
  readonly full?: boolean;
  readonly settings?: Partial<BookSearchSettings>;
  readonly signal?: AbortSignal;
}

/**
 * The one look at the test set, after the search: trains the chosen configuration exactly as a
 * trial did (the same rows, split and epochs) and scores the test set once.
 *
 * @example
 * ```ts
 * import { bookSearchTest, embeddedData } from "@backprop/experiments";
 * import { initBackend } from "@backprop/tensor-core";
 * await initBackend({ backend: "wasm" });
 * const { train, test } = await embeddedData();
 * const result = await bookSearchTest({ train, test, params: { lr: 0.01, weight_decay: 1e-6 }, seed: 1, settings: { epochs: 3, hiddenLayers: 2 } });
 * console.log(result.testCount, result.testAccuracy > 0.1); // 2000 true
 * ```
 */
export async function bookSearchTest(options: BookSearchTestOptions): Promise<{
  readonly testAccuracy: number;
  readonly validationAccuracy: number;
  readonly testCount: number;
}> {
  const s = settingsOf("bookSearchTest", options);
  const seed = options.seed ?? 0;
  const { train, validation } = searchData(options.train, seed, s);
  const model = net(s, options.params.weight_decay, train.features.length / train.count, seed, -1);
  try {
    const { history } = await fit({
      model,
      optimizer: sgd({ lr: options.params.lr }),
      train,
      validation,
      mode: "book",
      epochs: s.epochs,
      batchSize: s.batchSize,
      seed: deriveRng(seed, "book-search", "test-fit").integer(0, 2 ** 31 - 1),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return {
      testAccuracy: evaluate(model, options.test).accuracy,
      validationAccuracy: history.epochs.at(-1)!.metrics["validation.accuracy"]!,
      testCount: options.test.count,
    };
  } finally {
    model.dispose();
  }
}

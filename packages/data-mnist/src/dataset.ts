import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { type Rng, splitIndices } from "@backprop/random";
import type { LabeledImages } from "./mnist-pair.js";
import { scaleToUnit } from "./unit-scale.js";

/**
 * One mini-batch: features row-major `[size, ...featureShape]`, labels as class indices.
 *
 * @example
 * ```ts
 * import { type Batch, InMemoryDataset } from "@backprop/data-mnist";
 * const xor = new InMemoryDataset({ features: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0] });
 * const first: Batch = xor.batches({ batchSize: 2 }).next().value!;
 * console.log(first.size, Array.from(first.labels)); // 2 [ 0, 1 ]
 * ```
 */
export interface Batch {
  readonly features: Float32Array;
  readonly labels: Int32Array;
  readonly size: number;
  /** Rows of the dataset the batch was drawn from. */
  readonly indices: Int32Array;
}

/**
 * Options of {@link InMemoryDataset.batches}.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { type BatchOptions, InMemoryDataset } from "@backprop/data-mnist";
 * const xor = new InMemoryDataset({ features: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0] });
 * const options: BatchOptions = { batchSize: 2, rng: createRng(7), mode: "replacement" };
 * console.log([...xor.batches(options)].length); // 2
 * ```
 */
export interface BatchOptions {
  readonly batchSize: number;
  /** Shuffles each epoch (needs `rng`); default true when an `rng` is given. */
  readonly rng?: Rng;
  /**
   * `"epoch"` (default): every row once per pass, without replacement. `"replacement"`: the book's
   * Trainer — each batch draws `batchSize` rows uniformly *with* replacement, `count / batchSize`
   * batches per pass.
   */
  readonly mode?: "epoch" | "replacement";
  /** Drop a last batch smaller than `batchSize` (epoch mode; default false). */
  readonly dropLast?: boolean;
}

/**
 * Options of {@link InMemoryDataset.split}.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { InMemoryDataset, type SplitOptions } from "@backprop/data-mnist";
 * const xor = new InMemoryDataset({ features: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0] });
 * const options: SplitOptions = { validation: 0.5, rng: createRng(3), stratified: true };
 * const { train, validation } = xor.split(options);
 * console.log(train.count, validation.count); // 2 2
 * ```
 */
export interface SplitOptions {
  /** Fraction held out for validation (the book: 0.2). */
  readonly validation: number;
  readonly rng: Rng;
  /** Keep each class's share in both parts (default false). */
  readonly stratified?: boolean;
}

/**
 * Features and class labels held in memory, with the same seeded shuffle, subset, split and batch
 * API for MNIST and for small hand-made data (the lecture's XOR or 3-feature toy set).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { InMemoryDataset } from "@backprop/data-mnist";
 * const xor = new InMemoryDataset({ features: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0] });
 * const { train, validation } = xor.split({ validation: 0.25, rng: createRng(1) });
 * console.log(train.count, validation.count); // 3 1
 * ```
 */
export class InMemoryDataset {
  /** Row-major features, `count × featureSize`. */
  readonly features: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
  readonly featureShape: readonly number[];
  readonly featureSize: number;
  readonly numClasses: number;

  constructor(options: {
    readonly features: Float32Array | ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
    readonly labels: ArrayLike<number>;
    readonly featureShape?: readonly number[];
    readonly numClasses?: number;
  }) {
    const op = "InMemoryDataset";
    const rows = options.features as ArrayLike<unknown>;
    const nested = rows.length > 0 && typeof rows[0] === "object";
    const count = options.labels.length;
    let features: Float32Array;
    let featureShape: readonly number[];
    if (nested) {
      const list = options.features as ReadonlyArray<ArrayLike<number>>;
      const width = list[0]!.length;
      features = new Float32Array(list.length * width);
      list.forEach((row, i) => {
        if (row.length !== width)
          throw new ShapeError({
            op,
            argument: `features[${i}]`,
            expected: `${width} values (as row 0)`,
            actual: `${row.length} values`,
          });
        features.set(row, i * width);
      });
      featureShape = options.featureShape ?? [width];
    } else {
      features =
        options.features instanceof Float32Array
          ? options.features
          : Float32Array.from(options.features as ArrayLike<number>);
      featureShape = options.featureShape ?? [count === 0 ? 0 : features.length / count];
    }
    const featureSize = featureShape.reduce((a, b) => a * b, 1);
    if (features.length !== count * featureSize) {
      throw new ShapeError({
        op,
        argument: "features",
        expected: `${count} rows of ${featureSize} values (one per label)`,
        actual: `${features.length} values`,
      });
    }
    const labels = Int32Array.from(options.labels);
    let maxLabel = -1;
    labels.forEach((l, i) => {
      if (!Number.isInteger(l) || l < 0)
        throw new InvalidOptionError({
          op,
          option: `labels[${i}]`,
          value: l,
          expected: "a class index >= 0",
        });
      maxLabel = Math.max(maxLabel, l);
    });
    const numClasses = options.numClasses ?? maxLabel + 1;
    if (maxLabel >= numClasses)
      throw new InvalidOptionError({
        op,
        option: "numClasses",
        value: numClasses,
        expected: `more than the largest label (${maxLabel})`,
      });
    this.features = features;
    this.labels = labels;
    this.count = count;
    this.featureShape = featureShape;
    this.featureSize = featureSize;
    this.numClasses = numClasses;
  }

  /**
   * An MNIST-family split as a dataset: pixels scaled to float32 [0, 1] (`normalize`, default) and
   * flattened to 784 (`shape: "flat"`, default) or kept as `[1, 28, 28]` (`"image"`).
   */
  static fromImages(
    pair: LabeledImages,
    options: { readonly normalize?: boolean; readonly shape?: "flat" | "image" } = {},
  ): InMemoryDataset {
    const features =
      options.normalize === false
        ? Float32Array.from(pair.images)
        : new Float32Array(pair.images.length);
    if (options.normalize !== false) scaleToUnit(pair.images, features, 0);
    const featureShape =
      options.shape === "image" ? [1, pair.rows, pair.cols] : [pair.rows * pair.cols];
    return new InMemoryDataset({ features, labels: pair.labels, featureShape, numClasses: 10 });
  }

  /** The rows at `indices`, in that order. */
  select(indices: ArrayLike<number>): InMemoryDataset {
    const k = this.featureSize;
    const features = new Float32Array(indices.length * k);
    const labels = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i]!;
      if (!Number.isInteger(row) || row < 0 || row >= this.count) {
        throw new InvalidOptionError({
          op: "InMemoryDataset.select",
          option: `indices[${i}]`,
          value: row,
          expected: `a row in [0, ${this.count - 1}]`,
        });
      }
      features.set(this.features.subarray(row * k, row * k + k), i * k);
      labels[i] = this.labels[row]!;
    }
    return new InMemoryDataset({
      features,
      labels,
      featureShape: this.featureShape,
      numClasses: this.numClasses,
    });
  }

  /** All rows in a seeded random order. */
  shuffle(rng: Rng): InMemoryDataset {
    return this.select(rng.permutation(this.count));
  }

  /** `n` rows drawn without replacement (the book's 300/500/1000-sample experiments). */
  subset(n: number, rng: Rng): InMemoryDataset {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.count) {
      throw new InvalidOptionError({
        op: "InMemoryDataset.subset",
        option: "n",
        value: n,
        expected: `an integer in [0, ${this.count}]`,
      });
    }
    return this.select(rng.sample(this.count, n));
  }

  /**
   * A seeded random train/validation split (never "the last 20%"); `stratified` keeps every
   * class's share in both parts.
   */
  split(options: SplitOptions): { train: InMemoryDataset; validation: InMemoryDataset } {
    const ratio = options.validation;
    if (!(ratio >= 0 && ratio < 1)) {
      throw new InvalidOptionError({
        op: "InMemoryDataset.split",
        option: "validation",
        value: ratio,
        expected: "a fraction in [0, 1)",
      });
    }
    // The one split of backprop (@backprop/random's splitIndices): the trainer's seeded
    // validation split is the same one.
    const { kept, held } = splitIndices(options.rng, {
      count: this.count,
      fraction: ratio,
      ...(options.stratified ? { labels: this.labels } : {}),
    });
    return { train: this.select(kept), validation: this.select(held) };
  }

  /** Mini-batches for one pass over the data. */
  *batches(options: BatchOptions): Generator<Batch> {
    const { batchSize } = options;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
      throw new InvalidOptionError({
        op: "InMemoryDataset.batches",
        option: "batchSize",
        value: batchSize,
        expected: "an integer >= 1",
      });
    }
    const mode = options.mode ?? "epoch";
    if (mode === "replacement") {
      if (options.rng === undefined)
        throw new InvalidOptionError({
          op: "InMemoryDataset.batches",
          option: "rng",
          value: undefined,
          expected: "an Rng (sampling with replacement is random)",
        });
      const perEpoch = Math.max(1, Math.floor(this.count / batchSize));
      for (let b = 0; b < perEpoch; b++)
        yield this.#batch(options.rng.sample(this.count, batchSize, { replace: true }));
      return;
    }
    const order =
      options.rng === undefined
        ? Int32Array.from({ length: this.count }, (_, i) => i)
        : options.rng.permutation(this.count);
    for (let start = 0; start < this.count; start += batchSize) {
      const end = Math.min(start + batchSize, this.count);
      if (end - start < batchSize && options.dropLast) return;
      yield this.#batch(order.subarray(start, end));
    }
  }

  #batch(indices: Int32Array): Batch {
    const k = this.featureSize;
    const features = new Float32Array(indices.length * k);
    const labels = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i]!;
      features.set(this.features.subarray(row * k, row * k + k), i * k);
      labels[i] = this.labels[row]!;
    }
    return { features, labels, size: indices.length, indices: Int32Array.from(indices) };
  }
}

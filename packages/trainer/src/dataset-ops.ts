import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { type Rng, splitIndices } from "@backprop/random";
import type { Dataset } from "./types.js";

/** Values per row of a dataset. */
export function rowSize(data: Dataset): number {
  return data.featureShape.reduce((a, b) => a * b, 1);
}

/** Checks a dataset once at the boundary of `fit`/`evaluate`; names the option at fault. */
export function checkDataset(op: string, option: string, data: Dataset | undefined): Dataset {
  if (data === undefined || data === null || typeof data !== "object") {
    throw new InvalidOptionError({
      op,
      option,
      value: data,
      expected: "a dataset { count, featureShape, features, labels }",
    });
  }
  if (!Number.isSafeInteger(data.count) || data.count < 1) {
    throw new InvalidOptionError({
      op,
      option: `${option}.count`,
      value: data.count,
      expected: "an integer >= 1",
    });
  }
  const k = rowSize(data);
  if (!(data.features instanceof Float32Array) || data.features.length !== data.count * k) {
    throw new ShapeError({
      op,
      argument: `${option}.features`,
      expected: `a Float32Array of ${data.count} × ${k} values (count × featureShape [${data.featureShape.join(", ")}])`,
      actual:
        data.features instanceof Float32Array
          ? `${data.features.length} values`
          : "not a Float32Array",
    });
  }
  if (data.labels === undefined || data.labels.length !== data.count) {
    throw new ShapeError({
      op,
      argument: `${option}.labels`,
      expected: `${data.count} class indices`,
      actual: `${data.labels?.length ?? "no"} labels`,
    });
  }
  if (data.targets !== undefined) {
    const per = data.targets.shape.slice(1).reduce((a, b) => a * b, 1);
    if (data.targets.shape[0] !== data.count || data.targets.values.length !== data.count * per) {
      throw new ShapeError({
        op,
        argument: `${option}.targets`,
        expected: `[${data.count}, ...] float targets (one row per sample)`,
        actual: [...data.targets.shape],
      });
    }
  }
  return data;
}

/**
 * The rows at `indices`, in that order, as a new dataset (copies).
 *
 * @example
 * ```ts
 * import { selectRows } from "@backprop/trainer";
 * const data = { count: 3, featureShape: [1], features: new Float32Array([10, 20, 30]), labels: new Int32Array([0, 1, 2]) };
 * console.log(Array.from(selectRows(data, [2, 0]).features)); // [ 30, 10 ]
 * ```
 */
export function selectRows(data: Dataset, indices: ArrayLike<number>): Dataset {
  const k = rowSize(data);
  const features = new Float32Array(indices.length * k);
  const labels = new Int32Array(indices.length);
  const targets = data.targets;
  const per = targets === undefined ? 0 : targets.values.length / data.count;
  const targetValues = new Float32Array(indices.length * per);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i]!;
    features.set(data.features.subarray(row * k, row * k + k), i * k);
    labels[i] = data.labels[row]!;
    if (targets !== undefined)
      targetValues.set(targets.values.subarray(row * per, row * per + per), i * per);
  }
  return {
    count: indices.length,
    featureShape: data.featureShape,
    features,
    labels,
    ...(targets === undefined
      ? {}
      : { targets: { values: targetValues, shape: [indices.length, ...targets.shape.slice(1)] } }),
  };
}

/**
 * Options of {@link splitDataset}.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { type SplitDatasetOptions, splitDataset } from "@backprop/trainer";
 * const data = { count: 6, featureShape: [1], features: new Float32Array(6), labels: new Int32Array([0, 0, 0, 1, 1, 1]) };
 * const options: SplitDatasetOptions = { fraction: 1 / 3, rng: createRng(3), stratified: true };
 * console.log(Array.from(splitDataset(data, options).validation.labels).sort().join("")); // 01
 * ```
 */
export interface SplitDatasetOptions {
  /** Fraction held out for validation, in (0, 1) (the book: 0.2). */
  readonly fraction: number;
  readonly rng: Rng;
  /** Keep each class's share in both parts (default false). */
  readonly stratified?: boolean;
}

/**
 * A seeded random train/validation split (never "the last 20%"): `@backprop/random`'s
 * `splitIndices`, the same split data-mnist makes — per class when `stratified`.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { splitDataset } from "@backprop/trainer";
 * const data = { count: 10, featureShape: [1], features: new Float32Array(10), labels: new Int32Array(10) };
 * const { train, validation } = splitDataset(data, { fraction: 0.2, rng: createRng(1) });
 * console.log(train.count, validation.count); // 8 2
 * ```
 */
export function splitDataset(
  data: Dataset,
  options: SplitDatasetOptions,
): { train: Dataset; validation: Dataset } {
  const op = "splitDataset";
  if (!(options.fraction > 0 && options.fraction < 1)) {
    throw new InvalidOptionError({
      op,
      option: "fraction",
      value: options.fraction,
      expected: "a fraction in (0, 1)",
    });
  }
  const { kept, held } = splitIndices(options.rng, {
    count: data.count,
    fraction: options.fraction,
    ...(options.stratified ? { labels: data.labels } : {}),
  });
  if (held.length === 0 || kept.length === 0) {
    throw new InvalidOptionError({
      op,
      option: "fraction",
      value: options.fraction,
      expected: `a fraction that leaves rows on both sides of ${data.count}`,
    });
  }
  return { train: selectRows(data, kept), validation: selectRows(data, held) };
}

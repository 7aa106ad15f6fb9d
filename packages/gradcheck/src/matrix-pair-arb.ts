import { InvalidOptionError } from "@backprop/errors";
import fc from "fast-check";
import type { TensorData } from "./types.js";
import { type Avoid, valueArb } from "./value-arb.js";

/**
 * Options of {@link matrixPairArb}.
 *
 * @example
 * ```ts
 * import { type MatrixPairArbOptions, matrixPairArb } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const options: MatrixPairArbOptions = { maxDim: 3, min: -1, max: 1 };
 * const [p] = fc.sample(matrixPairArb(options), 1);
 * console.log(p!.a.shape[1] === p!.b.shape[0]); // true
 * ```
 */
export interface MatrixPairArbOptions {
  /** Smallest of m, k, n (default 1). */
  readonly minDim?: number;
  /** Largest of m, k, n (default 4). */
  readonly maxDim?: number;
  /** Smallest value (default −3). */
  readonly min?: number;
  /** Largest value (default 3). */
  readonly max?: number;
  /** Keep every value at least `margin` away from each of `points`. */
  readonly avoid?: Avoid;
}

/**
 * Two matrices that can be multiplied: `a` is `[m, k]`, `b` is `[k, n]`.
 *
 * @example
 * ```ts
 * import type { MatrixPair } from "@backprop/gradcheck";
 * const pair: MatrixPair = { a: { shape: [1, 2], values: [1, 2] }, b: { shape: [2, 1], values: [3, 4] } };
 * console.log(pair.a.shape[1] === pair.b.shape[0]); // true
 * ```
 */
export interface MatrixPair {
  readonly a: TensorData;
  readonly b: TensorData;
}

/**
 * Pairs of matrices with compatible shapes for `matMul(a, b)`: `a` is `[m, k]` and `b` is
 * `[k, n]`. m, k and n shrink independently (each towards `minDim`), and so do the values: they
 * are drawn for the largest shapes and cut to size, so shrinking a dimension keeps the values
 * that made the property fail.
 *
 * @example
 * ```ts
 * import { matrixPairArb } from "@backprop/gradcheck";
 * import { matMul, tensor } from "@backprop/tensor-core";
 * import fc from "fast-check";
 * fc.assert(
 *   fc.property(matrixPairArb({ maxDim: 3 }), ({ a, b }) => {
 *     const y = matMul(tensor(a.values, { shape: a.shape, backend: "reference" }), tensor(b.values, { shape: b.shape, backend: "reference" }));
 *     return y.shape[0] === a.shape[0] && y.shape[1] === b.shape[1];
 *   }),
 *   { numRuns: 20 },
 * );
 * console.log("ok"); // ok
 * ```
 */
export function matrixPairArb(options: MatrixPairArbOptions = {}): fc.Arbitrary<MatrixPair> {
  const op = "matrixPairArb";
  const minDim = options.minDim ?? 1;
  const maxDim = options.maxDim ?? 4;
  for (const [option, v] of [
    ["minDim", minDim],
    ["maxDim", maxDim],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 64) {
      throw new InvalidOptionError({ op, option, value: v, expected: "an integer in [0, 64]" });
    }
  }
  if (maxDim < minDim) {
    throw new InvalidOptionError({
      op,
      option: "maxDim",
      value: maxDim,
      expected: `>= minDim (${minDim})`,
    });
  }
  const value = valueArb({
    ...(options.min === undefined ? {} : { min: options.min }),
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.avoid === undefined ? {} : { avoid: options.avoid }),
  });
  const dim = fc.integer({ min: minDim, max: maxDim });
  const pool = fc.array(value, { minLength: maxDim * maxDim, maxLength: maxDim * maxDim });
  return fc.record({ m: dim, k: dim, n: dim, a: pool, b: pool }).map(({ m, k, n, a, b }) => ({
    a: { shape: [m, k], values: a.slice(0, m * k) },
    b: { shape: [k, n], values: b.slice(0, k * n) },
  }));
}

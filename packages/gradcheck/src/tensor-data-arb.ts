import { InvalidOptionError } from "@backprop/errors";
import fc from "fast-check";
import { shapeArb } from "./shape-arb.js";
import type { TensorData } from "./types.js";
import { type Avoid, valueArb } from "./value-arb.js";

/**
 * Options of {@link tensorDataArb}.
 *
 * @example
 * ```ts
 * import { shapeArb, type TensorDataArbOptions, tensorDataArb } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const options: TensorDataArbOptions = { shape: shapeArb({ maxRank: 2 }), min: 0.1, max: 5 };
 * console.log(fc.sample(tensorDataArb(options), 20).every((d) => d.values.every((v) => v >= 0.1))); // true
 * ```
 */
export interface TensorDataArbOptions {
  /** A fixed shape, or an arbitrary of shapes (default `shapeArb()`: rank 1–3, dims 1–4). */
  readonly shape?: readonly number[] | fc.Arbitrary<readonly number[]>;
  /** Smallest value (default −3). */
  readonly min?: number;
  /** Largest value (default 3). */
  readonly max?: number;
  /** Keep every value at least `margin` away from each of `points` (kinks). */
  readonly avoid?: Avoid;
}

/**
 * Plain tensor data — `{ shape, values }`, not a live tensor — with {@link valueArb}'s nice
 * values, optionally kept off kinks (`avoid: { points: [0], margin: 1e-3 }` for ReLU).
 *
 * Shrinks the shape first (dropping dimensions, shrinking each; values are redrawn from the same
 * random stream for each smaller shape) and then the values, towards 0 and simple halves. With
 * a fixed shape only the values shrink.
 *
 * @example
 * ```ts
 * import { tensorDataArb } from "@backprop/gradcheck";
 * import { relu, tensor } from "@backprop/tensor-core";
 * import fc from "fast-check";
 * const [d] = fc.sample(tensorDataArb({ shape: [2, 3], avoid: { points: [0], margin: 1e-3 } }), 1);
 * console.log(d!.shape, d!.values.length); // [ 2, 3 ] 6
 * const x = tensor(d!.values, { shape: d!.shape, backend: "reference" });
 * console.log(relu(x).shape); // [ 2, 3 ]
 * ```
 */
export function tensorDataArb(options: TensorDataArbOptions = {}): fc.Arbitrary<TensorData> {
  const op = "tensorDataArb";
  const value = valueArb({
    ...(options.min === undefined ? {} : { min: options.min }),
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.avoid === undefined ? {} : { avoid: options.avoid }),
  });
  const shape = options.shape ?? shapeArb();
  if (isArbitrary(shape)) return shape.chain((s) => valuesFor([...s], value));
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new InvalidOptionError({
      op,
      option: "shape",
      value: shape,
      expected: "an array of integers >= 0, or an arbitrary of shapes such as shapeArb()",
    });
  }
  return valuesFor([...shape], value);
}

function valuesFor(shape: number[], value: fc.Arbitrary<number>): fc.Arbitrary<TensorData> {
  const size = shape.reduce((a, b) => a * b, 1);
  return fc
    .array(value, { minLength: size, maxLength: size })
    .map((values): TensorData => ({ shape, values }));
}

function isArbitrary(value: unknown): value is fc.Arbitrary<readonly number[]> {
  const candidate = value as { generate?: unknown; shrink?: unknown } | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.generate === "function" &&
    typeof candidate.shrink === "function"
  );
}

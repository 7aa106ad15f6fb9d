import { InvalidOptionError } from "@backprop/errors";
import type { Rng } from "@backprop/random";
import { type CreationOptions, resolveBackend, resolveDType } from "../creation-options.js";
import { assertShape, sizeOf } from "../shape.js";
import type { Tensor } from "../tensor.js";
import type { BackendName, Shape } from "../types.js";
import { uploadTensor } from "../upload.js";
import { checkNumber } from "../validate.js";

/** Options of {@link randomNormal}. */
export interface RandomNormalOptions extends Omit<CreationOptions, "dtype"> {
  /** Source of randomness; the same seed gives the same values on every backend. */
  readonly rng: Rng;
  readonly mean?: number;
  readonly std?: number;
}

/** Options of {@link randomUniform}. */
export interface RandomUniformOptions extends Omit<CreationOptions, "dtype"> {
  readonly rng: Rng;
  /** Inclusive lower bound (default 0). */
  readonly low?: number;
  /** Exclusive upper bound (default 1). */
  readonly high?: number;
}

/**
 * Normally distributed values drawn from `rng` (in float64, then stored in the backend's float
 * dtype, so both backends get the same numbers up to float32 rounding).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { randomNormal } from "@backprop/tensor-core";
 * const w = randomNormal([784, 50], { rng: createRng(42), std: 0.01 });
 * console.log(w.shape); // [ 784, 50 ]
 * ```
 */
export function randomNormal(shape: Shape, options: RandomNormalOptions): Tensor {
  const op = "randomNormal";
  assertShape(op, "shape", shape);
  const rng = checkRng(op, options?.rng);
  const mean = checkNumber(op, "mean", options.mean ?? 0);
  const std = checkNumber(op, "std", options.std ?? 1);
  if (std < 0)
    throw new InvalidOptionError({
      op,
      option: "std",
      value: std,
      expected: "a finite number >= 0",
    });
  return randomTensor(op, shape, options.backend, (out) => rng.fillNormal(out, mean, std));
}

/**
 * Uniformly distributed values in `[low, high)` drawn from `rng`.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { randomUniform } from "@backprop/tensor-core";
 * const u = randomUniform([2, 3], { rng: createRng(1), low: -1, high: 1 });
 * console.log(u.shape); // [ 2, 3 ]
 * ```
 */
export function randomUniform(shape: Shape, options: RandomUniformOptions): Tensor {
  const op = "randomUniform";
  assertShape(op, "shape", shape);
  const rng = checkRng(op, options?.rng);
  const low = checkNumber(op, "low", options.low ?? 0);
  const high = checkNumber(op, "high", options.high ?? 1);
  if (!(high >= low)) {
    throw new InvalidOptionError({
      op,
      option: "high",
      value: high,
      expected: `a number >= low (${low})`,
    });
  }
  return randomTensor(op, shape, options.backend, (out) => rng.fillUniform(out, low, high));
}

/** Draws the values in float64 (the same numbers on every backend), then stores them. */
function randomTensor(
  op: string,
  shape: Shape,
  backendName: BackendName | undefined,
  draw: (out: Float64Array) => void,
): Tensor {
  const backend = resolveBackend(op, backendName);
  const values = new Float64Array(sizeOf(shape));
  draw(values);
  return uploadTensor(backend, values, shape, resolveDType(op, backend, "float"));
}

function checkRng(op: string, rng: unknown): Rng {
  const candidate = rng as Partial<Rng> | undefined;
  if (typeof candidate?.fillNormal !== "function" || typeof candidate.fillUniform !== "function") {
    throw new InvalidOptionError({
      op,
      option: "rng",
      value: rng,
      expected: "an Rng from @backprop/random (e.g. createRng(42))",
    });
  }
  return candidate as Rng;
}

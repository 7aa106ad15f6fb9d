import { InvalidOptionError } from "@backprop/errors";
import type { Rng } from "@backprop/random";
import {
  type BackendName,
  fill,
  randomNormal,
  randomUniform,
  type Shape,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";

/**
 * Options every initializer accepts.
 *
 * @example
 * ```ts
 * import { type InitOptions, zeros } from "@backprop/init";
 * const options: InitOptions = { backend: "reference" };
 * console.log(zeros([2], options).dtype); // float64
 * ```
 */
export interface InitOptions {
  /** Backend of the new tensor (default: tensor-core's default backend). */
  readonly backend?: BackendName;
}

/**
 * Options of the random initializers.
 *
 * @example
 * ```ts
 * import { normal, type RandomInitOptions } from "@backprop/init";
 * import { createRng } from "@backprop/random";
 * const options: RandomInitOptions = { rng: createRng(42), backend: "reference" };
 * console.log(normal([3], { ...options, std: 0.01 }).shape); // [ 3 ]
 * ```
 */
export interface RandomInitOptions extends InitOptions {
  /** Source of randomness: the same seed gives the same weights. */
  readonly rng: Rng;
}

function backendOption(options: InitOptions): { backend?: BackendName } {
  return options.backend === undefined ? {} : { backend: options.backend };
}

/**
 * A tensor filled with `value`.
 *
 * @example
 * ```ts
 * import { constant } from "@backprop/init";
 * console.log(constant([2], { value: 0.1 }).arraySync()); // [ 0.1, 0.1 ]
 * ```
 */
export function constant(shape: Shape, options: InitOptions & { readonly value: number }): Tensor {
  return fill(shape, options.value, backendOption(options));
}

/**
 * Zeros (biases; BatchNorm's β).
 *
 * @example
 * ```ts
 * import { zeros } from "@backprop/init";
 * console.log(zeros([3]).arraySync()); // [ 0, 0, 0 ]
 * ```
 */
export function zeros(shape: Shape, options: InitOptions = {}): Tensor {
  return fill(shape, 0, backendOption(options));
}

/**
 * Ones (BatchNorm's γ).
 *
 * @example
 * ```ts
 * import { ones } from "@backprop/init";
 * console.log(ones([2]).arraySync()); // [ 1, 1 ]
 * ```
 */
export function ones(shape: Shape, options: InitOptions = {}): Tensor {
  return fill(shape, 1, backendOption(options));
}

/**
 * N(mean, std²) — the book's `weight_init_std * np.random.randn(...)` with `std: 0.01`.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { normal } from "@backprop/init";
 * const w = normal([784, 50], { rng: createRng(42), std: 0.01 });
 * ```
 */
export function normal(
  shape: Shape,
  options: RandomInitOptions & { readonly mean?: number; readonly std?: number },
): Tensor {
  return randomNormal(shape, {
    rng: options.rng,
    mean: options.mean ?? 0,
    std: options.std ?? 1,
    ...backendOption(options),
  });
}

/**
 * U(low, high).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { uniform } from "@backprop/init";
 * const w = uniform([3, 3], { rng: createRng(1), low: -0.1, high: 0.1 });
 * ```
 */
export function uniform(
  shape: Shape,
  options: RandomInitOptions & { readonly low?: number; readonly high?: number },
): Tensor {
  return randomUniform(shape, {
    rng: options.rng,
    low: options.low ?? 0,
    high: options.high ?? 1,
    ...backendOption(options),
  });
}

/**
 * N(mean, std²) truncated to `mean ± bound·std` (default 2, as tfjs/Keras/PyTorch): values
 * outside are redrawn, so the result lies strictly inside. Its standard deviation is ~0.88·std.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { truncatedNormal } from "@backprop/init";
 * const w = truncatedNormal([100, 100], { rng: createRng(3), std: 0.05 });
 * ```
 */
export function truncatedNormal(
  shape: Shape,
  options: RandomInitOptions & {
    readonly mean?: number;
    readonly std?: number;
    readonly bound?: number;
  },
): Tensor {
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  const bound = options.bound ?? 2;
  if (!(std >= 0) || !Number.isFinite(std))
    throw new InvalidOptionError({
      op: "truncatedNormal",
      option: "std",
      value: std,
      expected: "a finite number >= 0",
    });
  if (!(bound > 0) || !Number.isFinite(bound))
    throw new InvalidOptionError({
      op: "truncatedNormal",
      option: "bound",
      value: bound,
      expected: "a finite number > 0",
    });
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let z = options.rng.normal();
    while (Math.abs(z) >= bound) z = options.rng.normal();
    values[i] = mean + std * z;
  }
  return tensor(values, { shape, ...backendOption(options) });
}

import type { Shape, Tensor } from "@backprop/tensor-core";
import { normal, type RandomInitOptions, uniform } from "./basic.js";
import { type FanOptions, fansOf } from "./fans.js";

/**
 * Options of the fan-based initializers.
 *
 * @example
 * ```ts
 * import { gain, heNormal, type ScaledInitOptions } from "@backprop/init";
 * import { createRng } from "@backprop/random";
 * const options: ScaledInitOptions = { rng: createRng(1), gain: gain("leakyRelu", { slope: 0.01 }), backend: "reference" };
 * console.log(heNormal([100, 10], options).shape); // [ 100, 10 ]
 * ```
 */
export interface ScaledInitOptions extends RandomInitOptions, FanOptions {
  /** Multiplies the standard deviation (or the uniform limit); see `gain()`. Default 1. */
  readonly gain?: number;
}

function normalWithStd(shape: Shape, std: number, options: ScaledInitOptions): Tensor {
  return normal(shape, { ...options, mean: 0, std });
}

function uniformWithLimit(shape: Shape, limit: number, options: ScaledInitOptions): Tensor {
  return uniform(shape, { ...options, low: -limit, high: limit });
}

/**
 * Glorot/Xavier normal: std = gain·√(2 / (fan_in + fan_out)) (Keras `glorot_normal` draws a
 * truncated normal instead; PyTorch's `xavier_normal_` and tfjs's `glorotNormal` layer default draw
 * a plain normal, as here).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { glorotNormal } from "@backprop/init";
 * const w = glorotNormal([784, 100], { rng: createRng(1) });
 * ```
 */
export function glorotNormal(shape: Shape, options: ScaledInitOptions): Tensor {
  const { fanIn, fanOut } = fansOf(shape, options);
  return normalWithStd(shape, (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), options);
}

/**
 * Glorot/Xavier uniform: U(±gain·√(6 / (fan_in + fan_out))) — Keras's Dense default.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { glorotUniform } from "@backprop/init";
 * const w = glorotUniform([100, 10], { rng: createRng(1) });
 * ```
 */
export function glorotUniform(shape: Shape, options: ScaledInitOptions): Tensor {
  const { fanIn, fanOut } = fansOf(shape, options);
  return uniformWithLimit(shape, (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut)), options);
}

/**
 * The book's "Xavier": N(0, 1/fan_in), std = √(1/n) with n the number of inputs (the book's
 * `sigmoid`/`xavier` weight_init_std). Equal to LeCun normal.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { xavierBook } from "@backprop/init";
 * const w = xavierBook([100, 100], { rng: createRng(1) }); // std 0.1
 * ```
 */
export function xavierBook(shape: Shape, options: ScaledInitOptions): Tensor {
  return lecunNormal(shape, options);
}

/**
 * He/Kaiming normal: std = gain/√fan_in with the ReLU gain √2, i.e. √(2/fan_in) (the book's
 * `relu`/`he`).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { heNormal } from "@backprop/init";
 * const w = heNormal([784, 100], { rng: createRng(1) }); // std √(2/784)
 * ```
 */
export function heNormal(shape: Shape, options: ScaledInitOptions): Tensor {
  const { fanIn } = fansOf(shape, options);
  return normalWithStd(shape, (options.gain ?? Math.SQRT2) / Math.sqrt(fanIn), options);
}

/**
 * He/Kaiming uniform: U(±gain·√(3/fan_in)) with gain √2, i.e. U(±√(6/fan_in)).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { heUniform } from "@backprop/init";
 * const w = heUniform([784, 100], { rng: createRng(1) });
 * ```
 */
export function heUniform(shape: Shape, options: ScaledInitOptions): Tensor {
  const { fanIn } = fansOf(shape, options);
  return uniformWithLimit(shape, (options.gain ?? Math.SQRT2) * Math.sqrt(3 / fanIn), options);
}

/**
 * LeCun normal: std = gain·√(1/fan_in).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { lecunNormal } from "@backprop/init";
 * const w = lecunNormal([64, 64], { rng: createRng(1) });
 * ```
 */
export function lecunNormal(shape: Shape, options: ScaledInitOptions): Tensor {
  const { fanIn } = fansOf(shape, options);
  return normalWithStd(shape, (options.gain ?? 1) / Math.sqrt(fanIn), options);
}

/**
 * LeCun uniform: U(±gain·√(3/fan_in)).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { lecunUniform } from "@backprop/init";
 * const w = lecunUniform([64, 64], { rng: createRng(1) });
 * ```
 */
export function lecunUniform(shape: Shape, options: ScaledInitOptions): Tensor {
  const { fanIn } = fansOf(shape, options);
  return uniformWithLimit(shape, (options.gain ?? 1) * Math.sqrt(3 / fanIn), options);
}

/**
 * PyTorch's `nn.Linear` default for weights and biases: U(±1/√fan_in) (its
 * `kaiming_uniform_(a=√5)` works out to exactly this bound). For a bias pass the weight's
 * `fanIn`.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { torchLinearUniform } from "@backprop/init";
 * const rng = createRng(1);
 * const w = torchLinearUniform([784, 100], { rng });
 * const b = torchLinearUniform([100], { rng, fanIn: 784 });
 * ```
 */
export function torchLinearUniform(shape: Shape, options: ScaledInitOptions): Tensor {
  const { fanIn } = fansOf(shape, options);
  return uniformWithLimit(shape, (options.gain ?? 1) / Math.sqrt(fanIn), options);
}

import { InvalidOptionError } from "@backprop/errors";
import type { UnaryOp } from "../backend.js";
import { Tensor } from "../tensor.js";
import type { DType } from "../types.js";
import { checkDType, checkFloat, checkNumber, checkTensor } from "../validate.js";

const SIGNED: readonly DType[] = ["float32", "float64", "int32"];

function unary(op: UnaryOp, x: Tensor, floatOnly: boolean): Tensor {
  checkTensor(op, "x", x);
  if (floatOnly) checkFloat(op, "x", x);
  else checkDType(op, "x", x, SIGNED);
  return new Tensor(x.owner, x.owner.unary(op, x), x.shape, x.dtype);
}

/**
 * `−x`.
 *
 * @example
 * ```ts
 * import { neg, tensor } from "@backprop/tensor-core";
 * console.log(neg(tensor([1, -2])).arraySync()); // [ -1, 2 ]
 * ```
 */
export function neg(x: Tensor): Tensor {
  return unary("neg", x, false);
}

/**
 * `|x|`.
 *
 * @example
 * ```ts
 * import { abs, tensor } from "@backprop/tensor-core";
 * console.log(abs(tensor([1, -2])).arraySync()); // [ 1, 2 ]
 * ```
 */
export function abs(x: Tensor): Tensor {
  return unary("abs", x, false);
}

/**
 * Sign of `x`: −1, 0 or 1.
 *
 * @example
 * ```ts
 * import { sign, tensor } from "@backprop/tensor-core";
 * console.log(sign(tensor([-3, 0, 2])).arraySync()); // [ -1, 0, 1 ]
 * ```
 */
export function sign(x: Tensor): Tensor {
  return unary("sign", x, false);
}

/**
 * `x²`.
 *
 * @example
 * ```ts
 * import { square, tensor } from "@backprop/tensor-core";
 * console.log(square(tensor([3, -2])).arraySync()); // [ 9, 4 ]
 * ```
 */
export function square(x: Tensor): Tensor {
  return unary("square", x, false);
}

/**
 * `eˣ`.
 *
 * @example
 * ```ts
 * import { exp, tensor } from "@backprop/tensor-core";
 * console.log(exp(tensor([0])).arraySync()); // [ 1 ]
 * ```
 */
export function exp(x: Tensor): Tensor {
  return unary("exp", x, true);
}

/**
 * Natural logarithm (−Infinity at 0, NaN below).
 *
 * @example
 * ```ts
 * import { log, tensor } from "@backprop/tensor-core";
 * console.log(log(tensor([1])).arraySync()); // [ 0 ]
 * ```
 */
export function log(x: Tensor): Tensor {
  return unary("log", x, true);
}

/**
 * `log(1 + x)`, accurate for small `x`.
 *
 * @example
 * ```ts
 * import { log1p, tensor } from "@backprop/tensor-core";
 * console.log(log1p(tensor([0])).arraySync()); // [ 0 ]
 * ```
 */
export function log1p(x: Tensor): Tensor {
  return unary("log1p", x, true);
}

/**
 * `√x`.
 *
 * @example
 * ```ts
 * import { sqrt, tensor } from "@backprop/tensor-core";
 * console.log(sqrt(tensor([4, 9])).arraySync()); // [ 2, 3 ]
 * ```
 */
export function sqrt(x: Tensor): Tensor {
  return unary("sqrt", x, true);
}

/**
 * `1 / √x`.
 *
 * @example
 * ```ts
 * import { rsqrt, tensor } from "@backprop/tensor-core";
 * console.log(rsqrt(tensor([4])).arraySync()); // [ 0.5 ]
 * ```
 */
export function rsqrt(x: Tensor): Tensor {
  return unary("rsqrt", x, true);
}

/**
 * `1 / x`.
 *
 * @example
 * ```ts
 * import { reciprocal, tensor } from "@backprop/tensor-core";
 * console.log(reciprocal(tensor([4])).arraySync()); // [ 0.25 ]
 * ```
 */
export function reciprocal(x: Tensor): Tensor {
  return unary("reciprocal", x, true);
}

/**
 * Logistic sigmoid `1 / (1 + e⁻ˣ)`, stable for large |x|.
 *
 * @example
 * ```ts
 * import { sigmoid, tensor } from "@backprop/tensor-core";
 * console.log(sigmoid(tensor([0])).arraySync()); // [ 0.5 ]
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  return unary("sigmoid", x, true);
}

/**
 * Hyperbolic tangent.
 *
 * @example
 * ```ts
 * import { tanh, tensor } from "@backprop/tensor-core";
 * console.log(tanh(tensor([0])).arraySync()); // [ 0 ]
 * ```
 */
export function tanh(x: Tensor): Tensor {
  return unary("tanh", x, true);
}

/**
 * `max(x, 0)`.
 *
 * @example
 * ```ts
 * import { relu, tensor } from "@backprop/tensor-core";
 * console.log(relu(tensor([-1, 2])).arraySync()); // [ 0, 2 ]
 * ```
 */
export function relu(x: Tensor): Tensor {
  return unary("relu", x, true);
}

/**
 * `1` where `x > 0`, `0` elsewhere (NaN stays NaN): ReLU's derivative as a float mask, one kernel.
 *
 * @example
 * ```ts
 * import { step, tensor } from "@backprop/tensor-core";
 * console.log(step(tensor([-1, 0, 2])).arraySync()); // [ 0, 0, 1 ]
 * ```
 */
export function step(x: Tensor): Tensor {
  return unary("step", x, true);
}

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions {
  /** Slope for negative inputs (default 0.01, as in the PyTorch lecture). */
  readonly alpha?: number;
}

/**
 * `x` for `x > 0`, `alpha·x` otherwise.
 *
 * @example
 * ```ts
 * import { leakyRelu, tensor } from "@backprop/tensor-core";
 * console.log(leakyRelu(tensor([-100, 2]), { alpha: 0.01 }).arraySync()); // [ -1, 2 ]
 * ```
 */
export function leakyRelu(x: Tensor, options: LeakyReluOptions = {}): Tensor {
  const op = "leakyRelu";
  checkTensor(op, "x", x);
  checkFloat(op, "x", x);
  const alpha = checkNumber(op, "alpha", options.alpha ?? 0.01);
  return new Tensor(x.owner, x.owner.leakyRelu(x, alpha), x.shape, x.dtype);
}

/** Options of {@link clip}. */
export interface ClipOptions {
  readonly min: number;
  readonly max: number;
}

/**
 * Clamps every element into `[min, max]`.
 *
 * @example
 * ```ts
 * import { clip, tensor } from "@backprop/tensor-core";
 * console.log(clip(tensor([-5, 0.5, 5]), { min: 0, max: 1 }).arraySync()); // [ 0, 0.5, 1 ]
 * ```
 */
export function clip(x: Tensor, options: ClipOptions): Tensor {
  const op = "clip";
  checkTensor(op, "x", x);
  checkDType(op, "x", x, SIGNED);
  const min = checkNumber(op, "min", options?.min, { allowInfinity: true });
  const max = checkNumber(op, "max", options?.max, { allowInfinity: true });
  if (min > max) {
    throw new InvalidOptionError({
      op,
      option: "max",
      value: max,
      expected: `a number >= min (${min})`,
    });
  }
  return new Tensor(x.owner, x.owner.clip(x, min, max), x.shape, x.dtype);
}

import { InvalidOptionError } from "@backprop/errors";
import { normalizeAxis } from "../shape.js";
import { Tensor } from "../tensor.js";
import { checkFloat, checkTensor } from "../validate.js";

/** Options of the softmax family. */
export interface SoftmaxOptions {
  /** Axis the distribution runs along (default −1, the last). */
  readonly axis?: number;
}

function prepare(op: string, x: Tensor, options: SoftmaxOptions): number {
  checkTensor(op, "x", x);
  checkFloat(op, "x", x);
  if (x.rank === 0) {
    throw new InvalidOptionError({
      op,
      option: "x",
      value: "a scalar",
      expected: "a tensor of rank >= 1",
    });
  }
  return normalizeAxis(op, options.axis ?? -1, x.rank);
}

/**
 * `exp(x − max) / Σ exp(x − max)` along `axis`: stable for any finite input.
 *
 * @example
 * ```ts
 * import { softmax, tensor } from "@backprop/tensor-core";
 * console.log(softmax(tensor([[1000, 1000]])).arraySync()); // [ [ 0.5, 0.5 ] ]
 * ```
 */
export function softmax(x: Tensor, options: SoftmaxOptions = {}): Tensor {
  const axis = prepare("softmax", x, options);
  return new Tensor(x.owner, x.owner.softmax(x, axis, false), x.shape, x.dtype);
}

/**
 * `x − logΣexp(x)` along `axis`, computed without overflow (finite for |x| up to 1e4 and beyond).
 *
 * @example
 * ```ts
 * import { logSoftmax, tensor } from "@backprop/tensor-core";
 * console.log(logSoftmax(tensor([0, 1e4])).arraySync()); // [ -10000, 0 ]
 * ```
 */
export function logSoftmax(x: Tensor, options: SoftmaxOptions = {}): Tensor {
  const axis = prepare("logSoftmax", x, options);
  return new Tensor(x.owner, x.owner.softmax(x, axis, true), x.shape, x.dtype);
}

/** Options of {@link logSumExp}. */
export interface LogSumExpOptions extends SoftmaxOptions {
  readonly keepDims?: boolean;
}

/**
 * `log Σ exp(x)` along `axis`, computed as `max + log Σ exp(x − max)`.
 *
 * @example
 * ```ts
 * import { logSumExp, tensor } from "@backprop/tensor-core";
 * console.log(logSumExp(tensor([1e4, 1e4])).arraySync()); // 10000.69314718056
 * ```
 */
export function logSumExp(x: Tensor, options: LogSumExpOptions = {}): Tensor {
  const axis = prepare("logSumExp", x, options);
  const dropped = x.shape.filter((_, i) => i !== axis);
  const handle = x.owner.logSumExp(x, axis);
  if (!options.keepDims) return new Tensor(x.owner, handle, dropped, x.dtype);
  const outShape = x.shape.map((d, i) => (i === axis ? 1 : d));
  const info = { shape: dropped, dtype: x.dtype, handle };
  const reshaped = x.owner.reshape(info, outShape);
  x.owner.dispose(info);
  return new Tensor(x.owner, reshaped, outShape, x.dtype);
}

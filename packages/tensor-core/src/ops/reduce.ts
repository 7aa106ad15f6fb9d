import { InvalidOptionError } from "@backprop/errors";
import type { ArgReduceOp, ReduceOp } from "../backend.js";
import { normalizeAxes, normalizeAxis } from "../shape.js";
import { Tensor } from "../tensor.js";
import { checkDType, checkFloat, checkTensor } from "../validate.js";

/** Options of the reductions. */
export interface ReduceOptions {
  /** Axis or axes to reduce (negative counts from the end); all axes when omitted. */
  readonly axis?: number | readonly number[];
  /** Keep reduced axes as size-1 dimensions (default false). */
  readonly keepDims?: boolean;
}

function reduce(op: ReduceOp, x: Tensor, options: ReduceOptions): Tensor {
  checkTensor(op, "x", x);
  if (op === "mean") checkFloat(op, "x", x);
  else checkDType(op, "x", x, ["float32", "float64", "int32"]);
  const axes = normalizeAxes(op, options.axis, x.rank);
  if ((op === "max" || op === "min") && axes.some((a) => x.shape[a] === 0)) {
    throw new InvalidOptionError({
      op,
      option: "axis",
      value: options.axis ?? "all",
      expected: "axes of non-zero size (the max of nothing is undefined)",
    });
  }
  const kept = x.shape.filter((_, i) => !axes.includes(i));
  const outShape = options.keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
  if (axes.length === 0) {
    // Nothing to reduce (a scalar, or axis: []): a copy keeps ownership simple.
    return new Tensor(x.owner, x.owner.reshape(x, outShape), outShape, x.dtype);
  }
  const handle = x.owner.reduce(op, x, axes);
  if (!options.keepDims) return new Tensor(x.owner, handle, outShape, x.dtype);
  const reduced = { shape: kept, dtype: x.dtype, handle };
  const reshaped = x.owner.reshape(reduced, outShape);
  x.owner.dispose(reduced);
  return new Tensor(x.owner, reshaped, outShape, x.dtype);
}

/**
 * Sum over `axis` (all axes by default).
 *
 * @example
 * ```ts
 * import { sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([[1, 2], [3, 4]]);
 * console.log(sum(x).arraySync(), sum(x, { axis: 0 }).arraySync()); // 10 [ 4, 6 ]
 * console.log(sum(x, { axis: 1, keepDims: true }).shape); // [ 2, 1 ]
 * ```
 */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  return reduce("sum", x, options);
}

/**
 * Mean over `axis` (floats only).
 *
 * @example
 * ```ts
 * import { mean, tensor } from "@backprop/tensor-core";
 * console.log(mean(tensor([[1, 2], [3, 4]]), { axis: -1 }).arraySync()); // [ 1.5, 3.5 ]
 * ```
 */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  return reduce("mean", x, options);
}

/**
 * Maximum over `axis`.
 *
 * @example
 * ```ts
 * import { max, tensor } from "@backprop/tensor-core";
 * console.log(max(tensor([[1, 5], [3, 4]]), { axis: 1 }).arraySync()); // [ 5, 4 ]
 * ```
 */
export function max(x: Tensor, options: ReduceOptions = {}): Tensor {
  return reduce("max", x, options);
}

/**
 * Minimum over `axis`.
 *
 * @example
 * ```ts
 * import { min, tensor } from "@backprop/tensor-core";
 * console.log(min(tensor([[1, 5], [3, 4]]), { axis: 1 }).arraySync()); // [ 1, 3 ]
 * ```
 */
export function min(x: Tensor, options: ReduceOptions = {}): Tensor {
  return reduce("min", x, options);
}

/** Options of {@link argMax} and {@link argMin}. */
export interface ArgReduceOptions {
  /** The axis to search along (default −1, the last). */
  readonly axis?: number;
}

function argReduce(op: ArgReduceOp, x: Tensor, options: ArgReduceOptions): Tensor {
  checkTensor(op, "x", x);
  checkDType(op, "x", x, ["float32", "float64", "int32"]);
  if (x.rank === 0) {
    throw new InvalidOptionError({
      op,
      option: "x",
      value: "a scalar",
      expected: "a tensor of rank >= 1",
    });
  }
  const axis = normalizeAxis(op, options.axis ?? -1, x.rank);
  if (x.shape[axis] === 0) {
    throw new InvalidOptionError({
      op,
      option: "axis",
      value: options.axis ?? -1,
      expected: "an axis of non-zero size",
    });
  }
  const outShape = x.shape.filter((_, i) => i !== axis);
  return new Tensor(x.owner, x.owner.argReduce(op, x, axis), outShape, "int32");
}

/**
 * Index of the largest element along `axis` (the first one on ties), as int32.
 *
 * @example
 * ```ts
 * import { argMax, tensor } from "@backprop/tensor-core";
 * console.log(argMax(tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]])).arraySync()); // [ 1, 0 ]
 * ```
 */
export function argMax(x: Tensor, options: ArgReduceOptions = {}): Tensor {
  return argReduce("argMax", x, options);
}

/**
 * Index of the smallest element along `axis` (the first one on ties), as int32.
 *
 * @example
 * ```ts
 * import { argMin, tensor } from "@backprop/tensor-core";
 * console.log(argMin(tensor([3, 1, 2])).arraySync()); // 1
 * ```
 */
export function argMin(x: Tensor, options: ArgReduceOptions = {}): Tensor {
  return argReduce("argMin", x, options);
}

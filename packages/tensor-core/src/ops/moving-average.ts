import { InvalidOptionError } from "@backprop/errors";
import { scope } from "../scope.js";
import { Tensor } from "../tensor.js";
import { checkSameShapeFloats } from "../validate.js";
import { addScaled } from "./add-scaled.js";
import { mul } from "./arithmetic.js";

/**
 * Options of {@link movingAverage}.
 *
 * @example
 * ```ts
 * import { movingAverage, tensor } from "@backprop/tensor-core";
 * console.log(movingAverage(tensor([0]), tensor([3]), { decay: 0.5, scale: 2 }).arraySync()); // [ 3 ]
 * ```
 */
export interface MovingAverageOptions {
  /** The weight of the old average, in [0, 1] (batch norm's 0.9 in Keras's form). */
  readonly decay: number;
  /** Multiply the new value by this first (e.g. n/(n − 1) for an unbiased variance); default none. */
  readonly scale?: number;
}

/**
 * One step of an exponential moving average, `avg·decay + (value·scale)·(1 − decay)`, for two
 * float tensors of one shape — batch norm's running mean and variance, or an average of weights.
 * The values of `addScaled(mul(avg, decay), mul(value, scale), 1 − decay)` bit for bit; on wasm one
 * SIMD kernel instead of two or three.
 *
 * @example
 * ```ts
 * import { movingAverage, tensor } from "@backprop/tensor-core";
 * console.log(movingAverage(tensor([1, 2]), tensor([3, 4]), { decay: 0.75 }).arraySync()); // [ 1.5, 2.5 ]
 * ```
 */
export function movingAverage(avg: Tensor, value: Tensor, options: MovingAverageOptions): Tensor {
  const op = "movingAverage";
  checkSameShapeFloats(op, ["avg", avg], ["value", value]);
  const { decay, scale } = options;
  if (typeof decay !== "number" || !(decay >= 0 && decay <= 1)) {
    throw new InvalidOptionError({
      op,
      option: "decay",
      value: decay,
      expected: "a number in [0, 1]",
    });
  }
  if (scale !== undefined && (typeof scale !== "number" || !Number.isFinite(scale))) {
    throw new InvalidOptionError({
      op,
      option: "scale",
      value: scale,
      expected: "a finite number",
    });
  }
  const fused = avg.owner.movingAverage;
  if (fused !== undefined) {
    return new Tensor(avg.owner, fused(avg, value, decay, scale), avg.shape, avg.dtype);
  }
  return scope(() =>
    addScaled(mul(avg, decay), scale === undefined ? value : mul(value, scale), 1 - decay),
  );
}

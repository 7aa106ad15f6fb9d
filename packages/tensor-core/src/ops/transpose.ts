import { InvalidOptionError } from "@backprop/errors";
import { Tensor } from "../tensor.js";
import { checkTensor } from "../validate.js";

/** Options of {@link transpose}. */
export interface TransposeOptions {
  /** New order of the axes; reversed when omitted (a matrix transpose for rank 2). */
  readonly perm?: readonly number[];
}

/**
 * Permutes the axes of `x`.
 *
 * @example
 * ```ts
 * import { tensor, transpose } from "@backprop/tensor-core";
 * console.log(transpose(tensor([[1, 2, 3]])).arraySync()); // [ [ 1 ], [ 2 ], [ 3 ] ]
 * ```
 */
export function transpose(x: Tensor, options: TransposeOptions = {}): Tensor {
  const op = "transpose";
  checkTensor(op, "x", x);
  const perm = options.perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  const valid =
    Array.isArray(perm) &&
    perm.length === x.rank &&
    [...perm].sort((a, b) => a - b).every((p, i) => p === i);
  if (!valid) {
    throw new InvalidOptionError({
      op,
      option: "perm",
      value: perm,
      expected: `a permutation of [${x.shape.map((_, i) => i).join(", ")}]`,
    });
  }
  const outShape = perm.map((p) => x.shape[p]!);
  return new Tensor(x.owner, x.owner.transpose(x, perm), outShape, x.dtype);
}

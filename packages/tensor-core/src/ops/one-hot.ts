import { ShapeError } from "@backprop/errors";
import { type DTypeOption, resolveDType } from "../creation-options.js";
import { Tensor } from "../tensor.js";
import { checkDType, checkInteger, checkNumber, checkTensor } from "../validate.js";

/** Options of {@link oneHot}. */
export interface OneHotOptions {
  /** Value at the index (default 1). */
  readonly on?: number;
  /** Value elsewhere (default 0). */
  readonly off?: number;
  /** Output dtype (default: the backend's float dtype). */
  readonly dtype?: DTypeOption;
}

/**
 * One-hot rows `[n, depth]` from int32 class indices `[n]`; an index outside `[0, depth)` gives a
 * row of `off`.
 *
 * @example
 * ```ts
 * import { oneHot, tensor } from "@backprop/tensor-core";
 * console.log(oneHot(tensor([2, 0], { dtype: "int32" }), 3).arraySync()); // [ [ 0, 0, 1 ], [ 1, 0, 0 ] ]
 * ```
 */
export function oneHot(indices: Tensor, depth: number, options: OneHotOptions = {}): Tensor {
  const op = "oneHot";
  checkTensor(op, "indices", indices);
  checkDType(op, "indices", indices, ["int32"]);
  if (indices.rank !== 1) {
    throw new ShapeError({
      op,
      argument: "indices",
      expected: "a vector [n]",
      actual: [...indices.shape],
    });
  }
  checkInteger(op, "depth", depth, 1);
  const on = checkNumber(op, "on", options.on ?? 1);
  const off = checkNumber(op, "off", options.off ?? 0);
  const dtype = resolveDType(op, indices.owner, options.dtype);
  const outShape = [indices.size, depth];
  return new Tensor(
    indices.owner,
    indices.owner.oneHot(indices, depth, on, off, dtype),
    outShape,
    dtype,
  );
}

import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { normalizeAxis } from "../shape.js";
import { Tensor } from "../tensor.js";
import { checkDType, checkSameBackend, checkTensor } from "../validate.js";
import { tensor } from "./creation.js";

/** Options of {@link gather}. */
export interface GatherOptions {
  /** Axis to pick along (default 0: rows). */
  readonly axis?: number;
}

/**
 * Picks slices of `x` along `axis` by index: `gather(x, [3, 0])` stacks rows 3 and 0. Indices
 * are an int32 vector or a plain array (validated against the axis length).
 *
 * @example
 * ```ts
 * import { gather, tensor } from "@backprop/tensor-core";
 * const x = tensor([[1, 2], [3, 4], [5, 6]]);
 * console.log(gather(x, [2, 0]).arraySync()); // [ [ 5, 6 ], [ 1, 2 ] ]
 * ```
 */
export function gather(
  x: Tensor,
  indices: Tensor | readonly number[] | Int32Array,
  options: GatherOptions = {},
): Tensor {
  const op = "gather";
  checkTensor(op, "x", x);
  if (x.rank === 0)
    throw new ShapeError({ op, argument: "x", expected: "a tensor of rank >= 1", actual: [] });
  const axis = normalizeAxis(op, options.axis ?? 0, x.rank);
  const dim = x.shape[axis]!;
  const own = !(indices instanceof Tensor);
  const idx = own
    ? tensor(Int32Array.from(indices as ArrayLike<number>), { backend: x.backend, dtype: "int32" })
    : indices;
  try {
    checkTensor(op, "indices", idx);
    checkSameBackend(op, [
      ["x", x],
      ["indices", idx],
    ]);
    checkDType(op, "indices", idx, ["int32"]);
    if (idx.rank !== 1)
      throw new ShapeError({
        op,
        argument: "indices",
        expected: "a vector [n]",
        actual: [...idx.shape],
      });
    const values = own ? (indices as ArrayLike<number>) : idx.dataSync();
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isInteger(v) || v < 0 || v >= dim) {
        throw new InvalidOptionError({
          op,
          option: `indices[${i}]`,
          value: v,
          expected: `an integer in [0, ${dim - 1}] (axis ${axis} has ${dim} elements)`,
        });
      }
    }
    const outShape = x.shape.map((d, i) => (i === axis ? idx.size : d));
    return new Tensor(x.owner, x.owner.gather(x, idx, axis), outShape, x.dtype);
  } finally {
    if (own) idx.dispose();
  }
}

/**
 * Rows of `x` by index — a mini-batch from a dataset: `gatherRows(images, batchIndices)`.
 *
 * @example
 * ```ts
 * import { gatherRows, tensor } from "@backprop/tensor-core";
 * console.log(gatherRows(tensor([[1], [2], [3]]), [1, 1]).arraySync()); // [ [ 2 ], [ 2 ] ]
 * ```
 */
export function gatherRows(x: Tensor, indices: Tensor | readonly number[] | Int32Array): Tensor {
  return gather(x, indices, { axis: 0 });
}

import { DTypeError, InvalidOptionError, ShapeError } from "@backprop/errors";
import { normalizeAxis } from "../shape.js";
import { Tensor } from "../tensor.js";
import { checkSameBackend, checkTensor } from "../validate.js";

/** Options of {@link concat}. */
export interface ConcatOptions {
  /** Axis to join along (default 0). */
  readonly axis?: number;
}

/**
 * Joins tensors along an existing axis; all other dimensions must agree.
 *
 * @example
 * ```ts
 * import { concat, tensor } from "@backprop/tensor-core";
 * console.log(concat([tensor([[1, 2]]), tensor([[3, 4]])]).arraySync()); // [ [ 1, 2 ], [ 3, 4 ] ]
 * console.log(concat([tensor([[1]]), tensor([[2]])], { axis: 1 }).arraySync()); // [ [ 1, 2 ] ]
 * ```
 */
export function concat(tensors: readonly Tensor[], options: ConcatOptions = {}): Tensor {
  const op = "concat";
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new InvalidOptionError({
      op,
      option: "tensors",
      value: tensors,
      expected: "a non-empty array of tensors",
    });
  }
  const named = tensors.map(
    (t, i) => [`tensors[${i}]`, checkTensor(op, `tensors[${i}]`, t)] as const,
  );
  checkSameBackend(op, named);
  const first: Tensor = tensors[0]!;
  if (first.rank === 0)
    throw new ShapeError({
      op,
      argument: "tensors[0]",
      expected: "a tensor of rank >= 1",
      actual: [],
    });
  const axis = normalizeAxis(op, options.axis ?? 0, first.rank);
  let total = 0;
  for (const [name, t] of named) {
    if (t.dtype !== first.dtype) {
      throw new DTypeError({ op, argument: name, expected: first.dtype, actual: t.dtype });
    }
    const compatible =
      t.rank === first.rank && t.shape.every((d, i) => i === axis || d === first.shape[i]);
    if (!compatible) {
      const pattern = first.shape.map((d, i) => (i === axis ? "*" : String(d))).join(", ");
      throw new ShapeError({ op, argument: name, expected: `[${pattern}]`, actual: [...t.shape] });
    }
    total += t.shape[axis]!;
  }
  const outShape = first.shape.map((d, i) => (i === axis ? total : d));
  return new Tensor(first.owner, first.owner.concat(tensors, axis), outShape, first.dtype);
}

import { InvalidOptionError } from "@backprop/errors";
import { Tensor } from "../tensor.js";
import { checkTensor } from "../validate.js";

/**
 * A contiguous block of `x`: `begin[i]` is the start along axis i, `size[i]` the length (−1 means
 * "to the end"). Missing trailing entries take whole axes.
 *
 * @example
 * ```ts
 * import { slice, tensor } from "@backprop/tensor-core";
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * console.log(slice(x, [0, 1], [2, 2]).arraySync()); // [ [ 2, 3 ], [ 5, 6 ] ]
 * console.log(slice(x, [1]).arraySync()); // [ [ 4, 5, 6 ] ]
 * ```
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  const op = "slice";
  checkTensor(op, "x", x);
  if (!Array.isArray(begin) || begin.length > x.rank) {
    throw new InvalidOptionError({
      op,
      option: "begin",
      value: begin,
      expected: `at most ${x.rank} start indices`,
    });
  }
  if (size !== undefined && (!Array.isArray(size) || size.length > x.rank)) {
    throw new InvalidOptionError({
      op,
      option: "size",
      value: size,
      expected: `at most ${x.rank} lengths`,
    });
  }
  const fullBegin: number[] = [];
  const fullSize: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    const dim = x.shape[i]!;
    const b = begin[i] ?? 0;
    if (!Number.isSafeInteger(b) || b < 0 || b > dim) {
      throw new InvalidOptionError({
        op,
        option: `begin[${i}]`,
        value: b,
        expected: `an integer in [0, ${dim}]`,
      });
    }
    const requested = size?.[i] ?? -1;
    const s = requested === -1 ? dim - b : requested;
    if (!Number.isSafeInteger(s) || s < 0 || b + s > dim) {
      throw new InvalidOptionError({
        op,
        option: `size[${i}]`,
        value: requested,
        expected: `-1 or an integer in [0, ${dim - b}] (axis ${i} has ${dim} elements, slice starts at ${b})`,
      });
    }
    fullBegin.push(b);
    fullSize.push(s);
  }
  return new Tensor(x.owner, x.owner.slice(x, fullBegin, fullSize), fullSize, x.dtype);
}

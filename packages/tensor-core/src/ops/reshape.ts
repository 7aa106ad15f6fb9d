import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { sizeOf } from "../shape.js";
import { Tensor } from "../tensor.js";
import type { Shape } from "../types.js";
import { checkTensor } from "../validate.js";

/**
 * The same values with a new shape; one dimension may be −1 (inferred).
 *
 * @example
 * ```ts
 * import { reshape, tensor } from "@backprop/tensor-core";
 * console.log(reshape(tensor([1, 2, 3, 4, 5, 6]), [2, -1]).shape); // [ 2, 3 ]
 * ```
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const op = "reshape";
  checkTensor(op, "x", x);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= -1)) {
    throw new InvalidOptionError({
      op,
      option: "shape",
      value: shape,
      expected: "an array of integers >= 0, with at most one -1",
    });
  }
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) {
    throw new InvalidOptionError({ op, option: "shape", value: shape, expected: "at most one -1" });
  }
  let resolved = [...shape];
  if (unknown === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError({
        op,
        argument: "shape",
        expected: `a shape whose size divides ${x.size}`,
        actual: [...shape],
      });
    }
    resolved = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  if (sizeOf(resolved) !== x.size) {
    throw new ShapeError({
      op,
      argument: "shape",
      expected: `a shape with ${x.size} elements (x is [${x.shape.join(", ")}])`,
      actual: [...shape],
    });
  }
  return new Tensor(x.owner, x.owner.reshape(x, resolved), resolved, x.dtype);
}

/**
 * Flattens all dimensions after the first: `[n, …] → [n, rest]`, as before a dense layer.
 *
 * @example
 * ```ts
 * import { flatten, zeros } from "@backprop/tensor-core";
 * console.log(flatten(zeros([10, 28, 28])).shape); // [ 10, 784 ]
 * ```
 */
export function flatten(x: Tensor): Tensor {
  checkTensor("flatten", "x", x);
  if (x.rank === 0) return reshape(x, [1, 1]);
  return reshape(x, [x.shape[0]!, x.shape[0] === 0 ? 0 : -1]);
}

import type { BinaryOp } from "../backend.js";
import { Tensor } from "../tensor.js";
import type { DType } from "../types.js";
import { binaryOperands } from "./operands.js";

const NUMERIC: readonly DType[] = ["float32", "float64", "int32"];
const FLOAT: readonly DType[] = ["float32", "float64"];

function binary(
  op: BinaryOp,
  a: Tensor | number,
  b: Tensor | number,
  allowed: readonly DType[],
): Tensor {
  const { a: ta, b: tb, outShape } = binaryOperands(op, a, b, allowed);
  return new Tensor(ta.owner, ta.owner.binary(op, ta, tb, outShape), outShape, ta.dtype);
}

/**
 * `a + b`, elementwise with numpy broadcasting; either side may be a number.
 *
 * @example
 * ```ts
 * import { add, tensor } from "@backprop/tensor-core";
 * console.log(add(tensor([[1, 2], [3, 4]]), tensor([10, 20])).arraySync()); // [ [ 11, 22 ], [ 13, 24 ] ]
 * console.log(add(tensor([1, 2]), 1).arraySync()); // [ 2, 3 ]
 * ```
 */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("add", a, b, NUMERIC);
}

/**
 * `a − b`, elementwise with broadcasting.
 *
 * @example
 * ```ts
 * import { sub, tensor } from "@backprop/tensor-core";
 * console.log(sub(tensor([5, 7]), 2).arraySync()); // [ 3, 5 ]
 * ```
 */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("sub", a, b, NUMERIC);
}

/**
 * `a · b`, elementwise with broadcasting.
 *
 * @example
 * ```ts
 * import { mul, tensor } from "@backprop/tensor-core";
 * console.log(mul(tensor([1, 2, 3]), 2).arraySync()); // [ 2, 4, 6 ]
 * ```
 */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("mul", a, b, NUMERIC);
}

/**
 * `a / b`, elementwise with broadcasting (floats only).
 *
 * @example
 * ```ts
 * import { div, tensor } from "@backprop/tensor-core";
 * console.log(div(tensor([1, 3]), 2).arraySync()); // [ 0.5, 1.5 ]
 * ```
 */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("div", a, b, FLOAT);
}

/**
 * `a ** b`, elementwise with broadcasting (floats only).
 *
 * @example
 * ```ts
 * import { pow, tensor } from "@backprop/tensor-core";
 * console.log(pow(tensor([2, 3]), 2).arraySync()); // [ 4, 9 ]
 * ```
 */
export function pow(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("pow", a, b, FLOAT);
}

/**
 * Elementwise maximum with broadcasting (NaN propagates).
 *
 * @example
 * ```ts
 * import { maximum, tensor } from "@backprop/tensor-core";
 * console.log(maximum(tensor([-1, 2]), 0).arraySync()); // [ 0, 2 ]
 * ```
 */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("maximum", a, b, NUMERIC);
}

/**
 * Elementwise minimum with broadcasting (NaN propagates).
 *
 * @example
 * ```ts
 * import { minimum, tensor } from "@backprop/tensor-core";
 * console.log(minimum(tensor([-1, 2]), 0).arraySync()); // [ -1, 0 ]
 * ```
 */
export function minimum(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("minimum", a, b, NUMERIC);
}

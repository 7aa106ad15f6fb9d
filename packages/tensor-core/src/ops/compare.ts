import type { CompareOp, LogicalOp } from "../backend.js";
import { broadcastShapes } from "../shape.js";
import { Tensor } from "../tensor.js";
import type { DType } from "../types.js";
import { checkDType, checkSameBackend, checkTensor } from "../validate.js";
import { fill } from "./creation.js";
import { binaryOperands } from "./operands.js";

const ANY: readonly DType[] = ["float32", "float64", "int32", "bool"];

function compare(op: CompareOp, a: Tensor | number, b: Tensor | number): Tensor {
  const { a: ta, b: tb, outShape } = binaryOperands(op, a, b, ANY);
  return new Tensor(ta.owner, ta.owner.compare(op, ta, tb, outShape), outShape, "bool");
}

/**
 * `a == b` elementwise (bool result, broadcasting).
 *
 * @example
 * ```ts
 * import { equal, tensor } from "@backprop/tensor-core";
 * console.log(equal(tensor([1, 2]), 2).arraySync()); // [ 0, 1 ]
 * ```
 */
export function equal(a: Tensor | number, b: Tensor | number): Tensor {
  return compare("equal", a, b);
}

/**
 * `a != b` elementwise.
 *
 * @example
 * ```ts
 * import { notEqual, tensor } from "@backprop/tensor-core";
 * console.log(notEqual(tensor([1, 2]), 2).arraySync()); // [ 1, 0 ]
 * ```
 */
export function notEqual(a: Tensor | number, b: Tensor | number): Tensor {
  return compare("notEqual", a, b);
}

/**
 * `a > b` elementwise.
 *
 * @example
 * ```ts
 * import { greater, tensor } from "@backprop/tensor-core";
 * console.log(greater(tensor([-1, 0, 1]), 0).arraySync()); // [ 0, 0, 1 ]
 * ```
 */
export function greater(a: Tensor | number, b: Tensor | number): Tensor {
  return compare("greater", a, b);
}

/**
 * `a >= b` elementwise.
 *
 * @example
 * ```ts
 * import { greaterEqual, tensor } from "@backprop/tensor-core";
 * console.log(greaterEqual(tensor([-1, 0, 1]), 0).arraySync()); // [ 0, 1, 1 ]
 * ```
 */
export function greaterEqual(a: Tensor | number, b: Tensor | number): Tensor {
  return compare("greaterEqual", a, b);
}

/**
 * `a < b` elementwise.
 *
 * @example
 * ```ts
 * import { less, tensor } from "@backprop/tensor-core";
 * console.log(less(tensor([-1, 0, 1]), 0).arraySync()); // [ 1, 0, 0 ]
 * ```
 */
export function less(a: Tensor | number, b: Tensor | number): Tensor {
  return compare("less", a, b);
}

/**
 * `a <= b` elementwise.
 *
 * @example
 * ```ts
 * import { lessEqual, tensor } from "@backprop/tensor-core";
 * console.log(lessEqual(tensor([-1, 0, 1]), 0).arraySync()); // [ 1, 1, 0 ]
 * ```
 */
export function lessEqual(a: Tensor | number, b: Tensor | number): Tensor {
  return compare("lessEqual", a, b);
}

function logical(op: LogicalOp, a: Tensor, b: Tensor): Tensor {
  checkTensor(op, "a", a);
  checkTensor(op, "b", b);
  checkSameBackend(op, [
    ["a", a],
    ["b", b],
  ]);
  checkDType(op, "a", a, ["bool"]);
  checkDType(op, "b", b, ["bool"]);
  const outShape = broadcastShapes(op, a.shape, b.shape);
  return new Tensor(a.owner, a.owner.logical(op, a, b, outShape), outShape, "bool");
}

/**
 * Elementwise AND of two bool tensors.
 *
 * @example
 * ```ts
 * import { logicalAnd, tensor } from "@backprop/tensor-core";
 * console.log(logicalAnd(tensor([true, true]), tensor([true, false])).arraySync()); // [ 1, 0 ]
 * ```
 */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  return logical("logicalAnd", a, b);
}

/**
 * Elementwise OR of two bool tensors.
 *
 * @example
 * ```ts
 * import { logicalOr, tensor } from "@backprop/tensor-core";
 * console.log(logicalOr(tensor([false, true]), tensor([false, false])).arraySync()); // [ 0, 1 ]
 * ```
 */
export function logicalOr(a: Tensor, b: Tensor): Tensor {
  return logical("logicalOr", a, b);
}

/**
 * Elementwise NOT of a bool tensor.
 *
 * @example
 * ```ts
 * import { logicalNot, tensor } from "@backprop/tensor-core";
 * console.log(logicalNot(tensor([true, false])).arraySync()); // [ 0, 1 ]
 * ```
 */
export function logicalNot(x: Tensor): Tensor {
  const op = "logicalNot";
  checkTensor(op, "x", x);
  checkDType(op, "x", x, ["bool"]);
  return new Tensor(x.owner, x.owner.logicalNot(x), x.shape, "bool");
}

/**
 * Picks `a` where `condition` is true and `b` elsewhere, broadcasting all three.
 *
 * @example
 * ```ts
 * import { greater, tensor, where } from "@backprop/tensor-core";
 * const x = tensor([-2, 3]);
 * console.log(where(greater(x, 0), x, 0).arraySync()); // [ 0, 3 ]
 * console.log(where(greater(x, 0), 1, 0.1).arraySync()); // [ 0.1, 1 ]
 * ```
 */
export function where(condition: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  const op = "where";
  checkTensor(op, "condition", condition);
  checkDType(op, "condition", condition, ["bool"]);
  // Two numbers: both become scalars of the condition's backend float dtype.
  const owned =
    typeof a === "number" && typeof b === "number"
      ? fill([], a, { backend: condition.backend })
      : undefined;
  const operands = binaryOperands(op, owned ?? a, b, ["float32", "float64", "int32", "bool"]);
  try {
    const { a: ta, b: tb } = operands;
    checkSameBackend(op, [
      ["a", ta as Tensor],
      ["condition", condition],
    ]);
    const outShape = broadcastShapes(op, condition.shape, operands.outShape, "a");
    return new Tensor(ta.owner, ta.owner.where(condition, ta, tb, outShape), outShape, ta.dtype);
  } finally {
    owned?.dispose();
  }
}

import { DTypeError, InvalidOptionError } from "@backprop/errors";
import type { Backend, TensorInfo } from "../backend.js";
import { broadcastShapes } from "../shape.js";
import type { Tensor } from "../tensor.js";
import type { BackendName, DType } from "../types.js";
import { checkSameBackend, checkTensor } from "../validate.js";

/**
 * A kernel operand: a tensor, or a number as the backend's cached scalar constant (no Tensor
 * object, nothing to dispose — the backend keeps one handle per value and dtype).
 */
export interface Operand extends TensorInfo {
  readonly owner: Backend;
  readonly backend: BackendName;
}

/** Two validated operands of a binary op, numbers turned into scalars of the tensor's dtype. */
export interface Operands {
  readonly a: Operand;
  readonly b: Operand;
  readonly outShape: number[];
}

/**
 * Validates the operands of a binary op: at least one tensor, same backend, same dtype, a dtype
 * in `allowed`, broadcastable shapes. A number becomes a scalar of the other operand's dtype.
 */
export function binaryOperands(
  op: string,
  a: Tensor | number,
  b: Tensor | number,
  allowed: readonly DType[],
): Operands {
  if (typeof a === "number" && typeof b === "number") {
    throw new InvalidOptionError({
      op,
      option: "a",
      value: a,
      expected: "a Tensor (at least one operand must be a tensor)",
    });
  }
  const ta: Operand =
    typeof a === "number" ? scalarLike(op, "a", a, b as Tensor) : checkTensor(op, "a", a);
  const tb: Operand =
    typeof b === "number" ? scalarLike(op, "b", b, ta as Tensor) : checkTensor(op, "b", b);
  checkSameBackend(op, [
    ["a", ta as Tensor],
    ["b", tb as Tensor],
  ]);
  if (ta.dtype !== tb.dtype) {
    throw new DTypeError({
      op,
      argument: "b",
      expected: `${ta.dtype} (the dtype of 'a')`,
      actual: tb.dtype,
      detail: "Cast one operand first",
    });
  }
  if (!allowed.includes(ta.dtype)) {
    throw new DTypeError({ op, argument: "a", expected: allowed.join(" or "), actual: ta.dtype });
  }
  return { a: ta, b: tb, outShape: broadcastShapes(op, ta.shape, tb.shape) };
}

function scalarLike(op: string, argument: string, value: number, other: Tensor): Operand {
  const ref = checkTensor(op, argument === "a" ? "b" : "a", other);
  if (Number.isNaN(value) && ref.dtype !== "float32" && ref.dtype !== "float64") {
    throw new InvalidOptionError({ op, option: argument, value, expected: "a number (not NaN)" });
  }
  if (ref.dtype === "int32" && !Number.isInteger(value)) {
    throw new DTypeError({
      op,
      argument,
      expected: "an integer (the other operand is int32)",
      actual: String(value),
    });
  }
  const owner = ref.owner;
  return {
    owner,
    backend: owner.name,
    shape: [],
    dtype: ref.dtype,
    handle: owner.constant(value, ref.dtype),
  };
}

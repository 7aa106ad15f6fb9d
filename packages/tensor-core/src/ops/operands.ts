import { DTypeError, InvalidOptionError } from "@backprop/errors";
import { broadcastShapes } from "../shape.js";
import { Tensor } from "../tensor.js";
import type { DType } from "../types.js";
import { checkSameBackend, checkTensor } from "../validate.js";

/** Two validated operands of a binary op, numbers turned into scalars of the tensor's dtype. */
export interface Operands {
  readonly a: Tensor;
  readonly b: Tensor;
  readonly outShape: number[];
  /** Scalars made here, to dispose after the kernel ran. */
  readonly temporaries: Tensor[];
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
  const temporaries: Tensor[] = [];
  const ta =
    typeof a === "number"
      ? scalarLike(op, "a", a, b as Tensor, temporaries)
      : checkTensor(op, "a", a);
  const tb =
    typeof b === "number" ? scalarLike(op, "b", b, ta, temporaries) : checkTensor(op, "b", b);
  checkSameBackend(op, [
    ["a", ta],
    ["b", tb],
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
  return { a: ta, b: tb, outShape: broadcastShapes(op, ta.shape, tb.shape), temporaries };
}

function scalarLike(
  op: string,
  argument: string,
  value: number,
  other: Tensor,
  temporaries: Tensor[],
): Tensor {
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
  const t = new Tensor(owner, owner.fill([], value, ref.dtype), [], ref.dtype);
  temporaries.push(t);
  return t;
}

/** Disposes the scalars `binaryOperands` created. */
export function releaseOperands(operands: Operands): void {
  for (const t of operands.temporaries) t.dispose();
}

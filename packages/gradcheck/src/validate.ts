// Boundary checks shared by the public functions (not exported from the index).
import { DisposedError, DTypeError, InvalidOptionError, ShapeError } from "@backprop/errors";
import { Tensor } from "@backprop/tensor-core";

/** Throws unless `value` is a live float64 tensor on the reference backend; returns it. */
export function referenceTensor(op: string, argument: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    throw new InvalidOptionError({
      op,
      option: argument,
      value: describe(value),
      expected: "a Tensor",
    });
  }
  if (value.isDisposed) throw new DisposedError({ op, argument });
  if (value.dtype !== "float64" || value.backend !== "reference") {
    throw new DTypeError({
      op,
      argument,
      expected: "float64 (a float tensor on the 'reference' backend)",
      actual: `${value.dtype} on backend '${value.backend}'`,
      detail:
        'Gradient checks run in float64: copy the tensor with toBackend(t, "reference"), or create it with { backend: "reference" }',
    });
  }
  return value;
}

/** The value of a scalar function's output: a number, or a tensor with one element. */
export function scalarValue(op: string, argument: string, output: unknown): number {
  if (typeof output === "number") return output;
  if (output instanceof Tensor) {
    if (output.isDisposed) throw new DisposedError({ op, argument });
    if (output.size !== 1) {
      throw new ShapeError({
        op,
        argument,
        expected: "with one element ([], [1], …)",
        actual: [...output.shape],
        detail:
          "f must return a scalar loss: reduce its output (e.g. with sum()), or check a layer's backward with checkBackward",
      });
    }
    return output.dataSync()[0]!;
  }
  throw new InvalidOptionError({
    op,
    option: argument,
    value: describe(output),
    expected: "a number or a one-element Tensor",
  });
}

/** A finite number >= 0 (tolerances). */
export function nonNegative(op: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError({ op, option, value, expected: "a finite number >= 0" });
  }
  return value;
}

/** A function, or an InvalidOptionError naming the option. */
export function fn<F>(op: string, option: string, value: F, expected: string): F {
  if (typeof value !== "function") {
    throw new InvalidOptionError({ op, option, value: describe(value), expected });
  }
  return value;
}

function describe(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "object" || typeof value === "function") {
    return `${typeof value === "function" ? "a function" : `an object (${value.constructor?.name ?? "Object"})`}`;
  }
  return value;
}

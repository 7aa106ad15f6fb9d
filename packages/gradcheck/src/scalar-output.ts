import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { Tensor } from "@backprop/tensor-core";

/** The value of a scalar function's output: a number, or a tensor with one element. */
export function scalarValue(op: string, output: unknown): number {
  if (typeof output === "number") return output;
  if (output instanceof Tensor) {
    if (output.size !== 1) {
      throw new ShapeError({
        op,
        argument: "f(...)",
        expected: "a scalar (one element): reduce the output to a loss first",
        actual: [...output.shape],
      });
    }
    return output.dataSync()[0]!;
  }
  throw new InvalidOptionError({
    op,
    option: "f",
    value: typeof output,
    expected: "a function returning a number or a one-element Tensor",
  });
}

/** Throws unless `x` is a live float64 tensor on the reference backend. */
export function checkReferenceInput(op: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new InvalidOptionError({ op, option: name, value: typeof x, expected: "a Tensor" });
  }
  if (x.backend !== "reference" || x.dtype !== "float64") {
    throw new InvalidOptionError({
      op,
      option: name,
      value: `a ${x.dtype} tensor on backend '${x.backend}'`,
      expected:
        "a float64 tensor on the 'reference' backend (gradient checks need float64; copy it with toBackend(t, \"reference\"))",
    });
  }
  return x;
}

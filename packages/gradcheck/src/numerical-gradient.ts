import { InvalidOptionError } from "@backprop/errors";
import { scope, type Tensor, tensor } from "@backprop/tensor-core";
import { checkReferenceInput, scalarValue } from "./scalar-output.js";

/** Default step of the central differences on float64. */
export const DEFAULT_H = 1e-5;

/** Options of {@link numericalGradient}. */
export interface NumericalGradientOptions {
  /**
   * Step of the central difference (default 1e-5: on float64 the truncation error h²·f‴/6 and
   * the rounding error ε·|f|/h are both ~1e-11 there; the book's 1e-4 suits float32).
   */
  readonly h?: number;
}

/**
 * The gradient of a scalar function by central differences, `(f(x+h) − f(x−h)) / 2h` for every
 * element of `x`, on the float64 reference backend. Leaks nothing.
 *
 * @example
 * ```ts
 * import { numericalGradient } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, 2, 3], { backend: "reference" });
 * const g = numericalGradient((v) => sum(mul(v, v)), x); // d/dx Σx² = 2x
 * console.log(g.arraySync()); // ≈ [2, 4, 6]
 * ```
 */
export function numericalGradient(
  f: (x: Tensor) => Tensor | number,
  x: Tensor,
  options: NumericalGradientOptions = {},
): Tensor {
  const op = "numericalGradient";
  checkReferenceInput(op, "x", x);
  const h = checkStep(op, options.h);
  const values = Float64Array.from(x.dataSync());
  const grad = new Float64Array(values.length);
  const evalAt = (v: Float64Array) =>
    scope(() => scalarValue(op, f(tensor(v, { shape: x.shape, backend: "reference" }))));
  for (let i = 0; i < values.length; i++) {
    const { plus, minus } = evaluateAround(values, i, h, evalAt);
    grad[i] = (plus - minus) / (2 * h);
  }
  return tensor(grad, { shape: x.shape, backend: "reference" });
}

/**
 * `f` at `values` with element `i` moved by +h and by −h (restored afterwards): the two
 * evaluations of a central difference.
 */
export function evaluateAround(
  values: Float64Array,
  i: number,
  h: number,
  f: (values: Float64Array) => number,
): { plus: number; minus: number } {
  const original = values[i]!;
  values[i] = original + h;
  const plus = f(values);
  values[i] = original - h;
  const minus = f(values);
  values[i] = original;
  return { plus, minus };
}

/** Validates the step `h`. */
export function checkStep(op: string, h: number | undefined): number {
  const step = h ?? DEFAULT_H;
  if (typeof step !== "number" || !Number.isFinite(step) || step <= 0) {
    throw new InvalidOptionError({ op, option: "h", value: step, expected: "a finite number > 0" });
  }
  return step;
}

import { scope, type Tensor, tensor } from "@backprop/tensor-core";
import { centralDifference, checkStep } from "./central-difference.js";
import { fn, referenceTensor, scalarValue } from "./validate.js";

/**
 * Options of {@link numericalGradient}.
 *
 * @example
 * ```ts
 * import { type NumericalGradientOptions, numericalGradient } from "@backprop/gradcheck";
 * import { sum, tensor } from "@backprop/tensor-core";
 * const book: NumericalGradientOptions = { h: 1e-4 };
 * console.log(numericalGradient((x) => sum(x), tensor([1, 2], { backend: "reference" }), book).shape); // [ 2 ]
 * ```
 */
export interface NumericalGradientOptions {
  /** Step of the central difference (default {@link DEFAULT_H} = 1e-5; the book uses 1e-4). */
  readonly h?: number;
}

/**
 * The gradient of a scalar function by central differences, `(f(x+h) − f(x−h)) / 2h` for every
 * element of `x`, on the float64 reference backend.
 *
 * `f` receives a fresh tensor for every evaluation (x's values with one element moved) and
 * returns a number or a one-element tensor. Each evaluation runs inside `scope()`, so the only
 * tensor left behind is the returned gradient (same shape as `x`, float64, reference backend).
 * Throws a `DTypeError` when `x` is not a float64 tensor on the reference backend, and a
 * `ShapeError` when `f` does not return a scalar.
 *
 * @example
 * ```ts
 * import { numericalGradient } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, 2, 3], { backend: "reference" });
 * const g = numericalGradient((v) => sum(mul(v, v)), x); // d/dx Σx² = 2x
 * console.log((g.arraySync() as number[]).map((v) => v.toFixed(6))); // [ '2.000000', '4.000000', '6.000000' ]
 * const book = numericalGradient((v) => sum(mul(v, v)), x, { h: 1e-4 }); // the book's step
 * console.log(book.shape); // [ 3 ]
 * ```
 */
export function numericalGradient(
  f: (x: Tensor) => Tensor | number,
  x: Tensor,
  options: NumericalGradientOptions = {},
): Tensor {
  const op = "numericalGradient";
  fn(op, "f", f, "a function of x returning a scalar");
  referenceTensor(op, "x", x);
  const h = checkStep(op, options?.h);
  const shape = x.shape;
  const values = Float64Array.from(x.dataSync());
  const grad = new Float64Array(values.length);
  const at = (v: Float64Array) =>
    scope(() => scalarValue(op, "f(x)", f(tensor(v, { shape, backend: "reference" }))));
  for (let i = 0; i < values.length; i++) grad[i] = centralDifference(values, i, h, at).derivative;
  return tensor(grad, { shape, backend: "reference" });
}

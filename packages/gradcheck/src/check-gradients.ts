import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { scope, type Tensor, tensor } from "@backprop/tensor-core";
import { checkStep, evaluateAround } from "./numerical-gradient.js";
import type { GradCheckReport, TensorCheck, WorstElement } from "./report.js";
import { checkReferenceInput, scalarValue } from "./scalar-output.js";

/** Default tolerances for float64 central differences with h = 1e-5. */
export const DEFAULT_RTOL = 1e-6;
export const DEFAULT_ATOL = 1e-9;
const TINY = 1e-300;

/** Options of {@link checkGradients}. */
export interface CheckGradientsOptions {
  /** The scalar function (a loss) of the named inputs. */
  readonly f: (inputs: Readonly<Record<string, Tensor>>) => Tensor | number;
  /** Named float64 inputs on the reference backend: data and parameters alike. */
  readonly inputs: Readonly<Record<string, Tensor>>;
  /**
   * The gradients to verify, by input name (every input needs one unless listed in `skip`), or
   * a function computing them from the inputs.
   */
  readonly analytic:
    | Readonly<Record<string, Tensor>>
    | ((inputs: Readonly<Record<string, Tensor>>) => Readonly<Record<string, Tensor>>);
  /** Inputs not to check (labels, masks). */
  readonly skip?: readonly string[];
  /** Central-difference step (default 1e-5). */
  readonly h?: number;
  /** Absolute tolerance (default 1e-9). */
  readonly atol?: number;
  /** Relative tolerance (default 1e-6). */
  readonly rtol?: number;
  /**
   * `"detect"` (default): a failing element where f is not smooth within ±h (its one-sided slopes
   * disagree at least as much as the error) is reported as a kink, not a failure. `"off"`: every
   * out-of-tolerance element fails.
   */
  readonly kinks?: "detect" | "off";
}

/**
 * Compares analytic gradients with central differences for every element of every input and
 * reports, per input, the max absolute and relative errors, the worst element and the kinks.
 * Passes when `|a − n| ≤ atol + rtol·max(|a|, |n|)` for every non-kink element. Runs on the
 * float64 reference backend and leaks nothing.
 *
 * @example
 * ```ts
 * import { checkGradients } from "@backprop/gradcheck";
 * import { matMul, matMulTN, mul, sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([[1, 2]], { backend: "reference" });
 * const w = tensor([[0.5], [-1]], { backend: "reference" });
 * // f = Σ (x·w)², df/dw = xᵀ · 2(x·w)
 * const report = checkGradients({
 *   f: ({ x, w }) => { const y = matMul(x!, w!); return sum(mul(y, y)); },
 *   inputs: { x, w },
 *   skip: ["x"],
 *   analytic: ({ x, w }) => ({ w: matMulTN(x!, mul(matMul(x!, w!), 2)) }),
 * });
 * console.log(report.ok); // true
 * ```
 */
export function checkGradients(options: CheckGradientsOptions): GradCheckReport {
  const op = "checkGradients";
  const h = checkStep(op, options.h);
  const atol = checkTolerance(op, "atol", options.atol ?? DEFAULT_ATOL);
  const rtol = checkTolerance(op, "rtol", options.rtol ?? DEFAULT_RTOL);
  const detectKinks = (options.kinks ?? "detect") === "detect";
  if (typeof options.f !== "function") {
    throw new InvalidOptionError({
      op,
      option: "f",
      value: typeof options.f,
      expected: "a function of the inputs",
    });
  }
  const names = Object.keys(options.inputs ?? {});
  if (names.length === 0)
    throw new InvalidOptionError({
      op,
      option: "inputs",
      value: options.inputs,
      expected: "at least one named input",
    });
  for (const name of names) checkReferenceInput(op, `inputs.${name}`, options.inputs[name]);
  const skip = new Set(options.skip ?? []);
  return scope(() => {
    const analytic =
      typeof options.analytic === "function" ? options.analytic(options.inputs) : options.analytic;
    const evaluate = (inputs: Readonly<Record<string, Tensor>>) =>
      scope(() => scalarValue(op, options.f(inputs)));
    const f0 = evaluate(options.inputs);
    const tensors: TensorCheck[] = [];
    for (const name of names) {
      if (skip.has(name)) continue;
      const x = options.inputs[name]!;
      const grad = analytic?.[name];
      if (grad === undefined) {
        throw new InvalidOptionError({
          op,
          option: `analytic.${name}`,
          value: undefined,
          expected: `a gradient for input '${name}' (or list '${name}' in skip)`,
        });
      }
      checkReferenceInput(op, `analytic.${name}`, grad);
      if (grad.shape.length !== x.shape.length || grad.shape.some((d, i) => d !== x.shape[i])) {
        throw new ShapeError({
          op,
          argument: `analytic.${name}`,
          expected: `[${x.shape.join(", ")}] (the shape of input '${name}')`,
          actual: [...grad.shape],
        });
      }
      tensors.push(
        checkOne(
          name,
          x,
          grad.dataSync() as Float64Array,
          options.inputs,
          evaluate,
          f0,
          h,
          atol,
          rtol,
          detectKinks,
        ),
      );
    }
    return { ok: tensors.every((t) => t.failed === 0), tensors, tolerances: { atol, rtol, h } };
  });
}

function checkOne(
  name: string,
  x: Tensor,
  analytic: Float64Array,
  inputs: Readonly<Record<string, Tensor>>,
  evaluate: (inputs: Readonly<Record<string, Tensor>>) => number,
  f0: number,
  h: number,
  atol: number,
  rtol: number,
  detectKinks: boolean,
): TensorCheck {
  const values = Float64Array.from(x.dataSync());
  const at = (v: Float64Array) =>
    evaluate({ ...inputs, [name]: tensor(v, { shape: x.shape, backend: "reference" }) });
  let failed = 0;
  let maxAbsError = 0;
  let maxRelError = 0;
  let worstExcess = Number.NEGATIVE_INFINITY;
  let worst: WorstElement | null = null;
  const kinkIndices: number[] = [];
  let kinks = 0;
  for (let i = 0; i < values.length; i++) {
    const { plus, minus } = evaluateAround(values, i, h, at);
    const n = (plus - minus) / (2 * h);
    const a = analytic[i]!;
    const err = Math.abs(a - n);
    const scale = Math.max(Math.abs(a), Math.abs(n));
    const bound = atol + rtol * scale;
    const ok = err <= bound;
    if (!ok && detectKinks) {
      const right = (plus - f0) / h;
      const left = (f0 - minus) / h;
      const jump = Math.abs(right - left);
      // At a kink inside [x−h, x+h] the one-sided slopes differ by about twice the central
      // difference's error; on a smooth f they differ only by ~|f″|·h.
      if (jump >= 0.5 * err && jump > bound) {
        kinks++;
        if (kinkIndices.length < 20) kinkIndices.push(i);
        continue;
      }
    }
    if (!ok || Number.isNaN(err)) failed++;
    maxAbsError = Math.max(maxAbsError, err);
    maxRelError = Math.max(maxRelError, err / Math.max(scale, TINY));
    const excess = Number.isNaN(err) ? Number.POSITIVE_INFINITY : err - bound;
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = { flatIndex: i, index: unravel(i, x.shape), analytic: a, numerical: n };
    }
  }
  return {
    name,
    shape: [...x.shape],
    checked: values.length,
    failed,
    kinks,
    maxAbsError,
    maxRelError,
    worst,
    kinkIndices,
  };
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d]!;
    flat = Math.floor(flat / shape[d]!);
  }
  return index;
}

function checkTolerance(op: string, option: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError({ op, option, value, expected: "a finite number >= 0" });
  }
  return value;
}

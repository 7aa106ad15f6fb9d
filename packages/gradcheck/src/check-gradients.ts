import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { scope, type Tensor, tensor } from "@backprop/tensor-core";
import { centralDifference, checkStep } from "./central-difference.js";
import { isKink } from "./kinks.js";
import { type ElementCheck, GradCheckReport, LISTED, type TensorCheck } from "./report.js";
import type { NamedTensors } from "./types.js";
import { fn, nonNegative, referenceTensor, scalarValue } from "./validate.js";

/**
 * Default relative tolerance: 1e-6. Correct backwards of the book's nets agree with float64
 * central differences to ~1e-8 (relative) on every element whose gradient is not tiny; a wrong
 * backward is off by far more.
 *
 * @example
 * ```ts
 * import { DEFAULT_RTOL } from "@backprop/gradcheck";
 * console.log(DEFAULT_RTOL); // 0.000001
 * ```
 */
export const DEFAULT_RTOL = 1e-6;

/**
 * Default absolute tolerance, per unit of loss: the check uses `DEFAULT_ATOL · max(1, |f(x)|)`.
 * The rounding error of a central difference grows with the loss (≈ ε·|f|/h, a few times more
 * after long sums), so a fixed floor that suits a loss of 1 fails correct gradients of a loss
 * summed over a batch. Passing `atol` sets it exactly.
 *
 * @example
 * ```ts
 * import { DEFAULT_ATOL } from "@backprop/gradcheck";
 * console.log(DEFAULT_ATOL); // 1e-8
 * ```
 */
export const DEFAULT_ATOL = 1e-8;

const TINY = 1e-300;

/**
 * The analytic gradients, by input name (the inputs in `skip` may be left out).
 *
 * @example
 * ```ts
 * import type { Gradients } from "@backprop/gradcheck";
 * import { tensor } from "@backprop/tensor-core";
 * const grads: Gradients<"w" | "b"> = { w: tensor([[0.5]], { backend: "reference" }) };
 * console.log(Object.keys(grads)); // [ 'w' ]
 * ```
 */
export type Gradients<K extends string = string> = Readonly<Partial<Record<K, Tensor>>>;

/**
 * Options of {@link checkGradients}.
 *
 * @example
 * ```ts
 * import { type CheckGradientsOptions, checkGradients } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * const options: CheckGradientsOptions<"x"> = {
 *   f: ({ x }) => mul(sum(mul(x, x)), 0.5),
 *   inputs: { x: tensor([1, 2], { backend: "reference" }) },
 *   analytic: ({ x }) => ({ x }),
 *   rtol: 1e-7,
 * };
 * console.log(checkGradients(options).ok); // true
 * ```
 */
export interface CheckGradientsOptions<K extends string = string> {
  /** The scalar function (a loss) of the named inputs: a number or a one-element tensor. */
  readonly f: (inputs: NamedTensors<K>) => Tensor | number;
  /** Named float64 inputs on the reference backend: data and parameters alike. */
  readonly inputs: NamedTensors<K>;
  /**
   * The gradients to verify, by input name (every input not in `skip` needs one), or a function
   * computing them from the inputs (its tensors are disposed after the check).
   */
  readonly analytic: Gradients<NoInfer<K>> | ((inputs: NamedTensors<K>) => Gradients<NoInfer<K>>);
  /** Inputs not to check, such as labels or masks. */
  readonly skip?: readonly NoInfer<K>[];
  /** Central-difference step (default 1e-5, see `DEFAULT_H`). */
  readonly h?: number;
  /** Absolute tolerance (default `1e-8 · max(1, |f(inputs)|)`, see `DEFAULT_ATOL`). */
  readonly atol?: number;
  /** Relative tolerance (default 1e-6). */
  readonly rtol?: number;
  /**
   * `"detect"` (default): an element that fails where f is not smooth within ±h is counted as a
   * kink, not a failure (see the README). `"off"`: every element outside tolerance fails.
   */
  readonly kinks?: "detect" | "off";
}

/**
 * Compares analytic gradients with central differences, element by element, for every named
 * input, on the float64 reference backend.
 *
 * An element passes when `|a − n| ≤ atol + rtol·max(|a|, |n|)`. The report gives, per input,
 * the max absolute and relative errors, the worst element (multi-index and flat) with both
 * values, and counts of checked, failed and kink elements. `f` is evaluated once at the inputs
 * and twice per element (twice more for a failing element, to tell a kink from a bug).
 * Leaves no tensor behind; throws typed errors naming the input at fault (`DTypeError` for a
 * float32 or wasm tensor, `ShapeError` for a gradient of the wrong shape or a non-scalar f,
 * `InvalidOptionError` for a missing gradient).
 *
 * @example
 * ```ts
 * import { checkGradients } from "@backprop/gradcheck";
 * import { matMul, matMulTN, mul, sum, tensor } from "@backprop/tensor-core";
 * const ref = { backend: "reference" } as const;
 * const x = tensor([[1, 2]], ref);
 * const w = tensor([[0.5], [-1]], ref);
 * // f = Σ (x·w)², so df/dw = xᵀ · 2(x·w)
 * const report = checkGradients({
 *   f: ({ x, w }) => { const y = matMul(x, w); return sum(mul(y, y)); },
 *   inputs: { x, w },
 *   skip: ["x"],
 *   analytic: ({ x, w }) => ({ w: matMulTN(x, mul(matMul(x, w), 2)) }),
 * });
 * console.log(report.ok, report.tensors.map((t) => t.name)); // true [ 'w' ]
 * ```
 */
export function checkGradients<K extends string>(
  options: CheckGradientsOptions<K>,
): GradCheckReport {
  const op = "checkGradients";
  const f = fn(op, "f", options?.f, "a function of the inputs returning a scalar");
  const h = checkStep(op, options.h);
  const rtol = nonNegative(op, "rtol", options.rtol ?? DEFAULT_RTOL);
  const fixedAtol = options.atol === undefined ? undefined : nonNegative(op, "atol", options.atol);
  const kinks = options.kinks ?? "detect";
  if (kinks !== "detect" && kinks !== "off") {
    throw new InvalidOptionError({
      op,
      option: "kinks",
      value: kinks,
      expected: '"detect" or "off"',
    });
  }
  const inputs = options.inputs;
  const names = typeof inputs === "object" && inputs !== null ? (Object.keys(inputs) as K[]) : [];
  if (names.length === 0) {
    throw new InvalidOptionError({
      op,
      option: "inputs",
      value: inputs,
      expected: "an object with at least one named tensor, e.g. { x, w }",
    });
  }
  for (const name of names) referenceTensor(op, `inputs.${name}`, inputs[name]);
  const known = `one of ${names.map((n) => `'${n}'`).join(", ")}`;
  const skip = new Set<string>(options.skip ?? []);
  for (const name of skip) {
    if (!names.includes(name as K)) {
      throw new InvalidOptionError({ op, option: "skip", value: name, expected: known });
    }
  }
  const analyticOption: unknown = options.analytic;
  if (
    typeof analyticOption !== "function" &&
    (typeof analyticOption !== "object" || !analyticOption)
  ) {
    throw new InvalidOptionError({
      op,
      option: "analytic",
      value: analyticOption,
      expected: "the gradients by input name, or a function of the inputs returning them",
    });
  }
  const checked = names.filter((name) => !skip.has(name));

  return scope(() => {
    const analytic: unknown =
      typeof options.analytic === "function" ? options.analytic(inputs) : options.analytic;
    const grads = gradientsOf(op, analytic, inputs, names, checked, known);
    const evaluate = (named: NamedTensors<K>) =>
      scope(() => scalarValue(op, "f(inputs)", f(named)));
    const f0 = evaluate(inputs);
    if (!Number.isFinite(f0)) {
      throw new InvalidOptionError({
        op,
        option: "f",
        value: f0,
        expected: "a function with a finite value at the given inputs",
      });
    }
    const atol = fixedAtol ?? DEFAULT_ATOL * Math.max(1, Math.abs(f0));
    const tensors = checked.map((name, i) => {
      const x = inputs[name];
      const shape = x.shape;
      const at = (values: Float64Array) =>
        scope(() =>
          scalarValue(
            op,
            "f(inputs)",
            f({ ...inputs, [name]: tensor(values, { shape, backend: "reference" }) }),
          ),
        );
      return checkTensor({
        name,
        shape,
        values: Float64Array.from(x.dataSync()),
        analytic: grads[i]!,
        f: at,
        f0,
        h,
        atol,
        rtol,
        detectKinks: kinks === "detect",
      });
    });
    return new GradCheckReport(tensors, { atol, rtol, h, kinks });
  });
}

/** Validates the analytic gradients and reads their values, in the order of `checked`. */
function gradientsOf(
  op: string,
  analytic: unknown,
  inputs: NamedTensors,
  names: readonly string[],
  checked: readonly string[],
  known: string,
): Float64Array[] {
  if (typeof analytic !== "object" || analytic === null) {
    throw new InvalidOptionError({
      op,
      option: "analytic",
      value: analytic,
      expected: "gradients by input name (the analytic function returned something else)",
    });
  }
  const record = analytic as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(record)) {
    if (!names.includes(key)) {
      throw new InvalidOptionError({
        op,
        option: `analytic.${key}`,
        value: "a gradient for no input",
        expected: `the name of an input (${known})`,
      });
    }
  }
  return checked.map((name) => {
    const grad = record[name];
    if (grad === undefined) {
      throw new InvalidOptionError({
        op,
        option: `analytic.${name}`,
        value: undefined,
        expected: `the gradient of f with respect to input '${name}' (or list '${name}' in skip)`,
      });
    }
    const g = referenceTensor(op, `analytic.${name}`, grad);
    const shape = inputs[name]!.shape;
    if (g.shape.length !== shape.length || g.shape.some((d, i) => d !== shape[i])) {
      throw new ShapeError({
        op,
        argument: `analytic.${name}`,
        expected: `[${shape.join(", ")}] (the shape of input '${name}')`,
        actual: [...g.shape],
      });
    }
    return Float64Array.from(g.dataSync());
  });
}

interface TensorTask {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float64Array;
  readonly analytic: Float64Array;
  readonly f: (values: Float64Array) => number;
  readonly f0: number;
  readonly h: number;
  readonly atol: number;
  readonly rtol: number;
  readonly detectKinks: boolean;
}

function checkTensor(task: TensorTask): TensorCheck {
  const { values, analytic, f, f0, h, atol, rtol } = task;
  let failed = 0;
  let kinks = 0;
  let maxAbsError = 0;
  let maxRelError = 0;
  let worstExcess = Number.NEGATIVE_INFINITY;
  let worst: ElementCheck | null = null;
  const failedIndices: number[] = [];
  const kinkIndices: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const full = centralDifference(values, i, h, f);
    const n = full.derivative;
    const a = analytic[i]!;
    const error = Math.abs(a - n);
    const scale = Math.max(Math.abs(a), Math.abs(n));
    const bound = atol + rtol * scale;
    const pass = error <= bound;
    if (!pass && task.detectKinks && isKink({ values, index: i, h, f, f0, full, error, bound })) {
      kinks++;
      if (kinkIndices.length < LISTED) kinkIndices.push(i);
      continue;
    }
    if (!pass) {
      failed++;
      if (failedIndices.length < LISTED) failedIndices.push(i);
    }
    const relError = error / Math.max(scale, TINY);
    maxAbsError = Math.max(maxAbsError, error);
    maxRelError = Math.max(maxRelError, relError);
    const excess = Number.isNaN(error) ? Number.POSITIVE_INFINITY : error - bound;
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = {
        flatIndex: i,
        index: unravel(i, task.shape),
        analytic: a,
        numerical: n,
        absError: error,
        relError,
      };
    }
  }
  return {
    name: task.name,
    shape: [...task.shape],
    ok: failed === 0,
    checked: values.length,
    failed,
    kinks,
    maxAbsError,
    maxRelError,
    worst,
    failedIndices,
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

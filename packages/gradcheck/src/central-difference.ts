// The central-difference stencil shared by numericalGradient and checkGradients (internal).
import { InvalidOptionError } from "@backprop/errors";

/**
 * Default step of the central differences: 1e-5.
 *
 * On float64 the central difference's truncation error (≈ h²·|f‴|/6) and rounding error
 * (≈ ε·|f|/h, ε = 2.2e-16) balance near h = (3ε)^(1/3) ≈ 1e-5, where both are ≈ 1e-11 for a
 * unit-scale f. The book's 1e-4 is tuned for float32-ish NumPy code: pass `{ h: 1e-4 }` to
 * reproduce it (its truncation error is 100× larger here).
 *
 * @example
 * ```ts
 * import { DEFAULT_H } from "@backprop/gradcheck";
 * console.log(DEFAULT_H); // 0.00001
 * ```
 */
export const DEFAULT_H = 1e-5;

/** `f` at `values` with element `i` moved by `delta`, and the step actually taken. */
export interface ShiftedValue {
  readonly value: number;
  /** `(x + delta) − x` in floating point: the step that was really applied (≈ delta). */
  readonly step: number;
}

/** Evaluates `f` with `values[i]` moved by `delta`, restoring it afterwards. */
export function shifted(
  values: Float64Array,
  i: number,
  delta: number,
  f: (values: Float64Array) => number,
): ShiftedValue {
  const original = values[i]!;
  const moved = original + delta;
  values[i] = moved;
  try {
    return { value: f(values), step: moved - original };
  } finally {
    values[i] = original;
  }
}

/** The two evaluations of a central difference and its value. */
export interface CentralDifference {
  readonly plus: ShiftedValue;
  readonly minus: ShiftedValue;
  /** `(f(x+h) − f(x−h)) / (h₊ + h₋)`, with the steps as actually applied. */
  readonly derivative: number;
}

/**
 * `(f(x+h) − f(x−h)) / 2h` for element `i`. The denominator uses the steps as represented
 * (`(x+h) − x` is not exactly `h` in floating point), which removes a relative error of up to
 * ε·|x|/h at no cost.
 */
export function centralDifference(
  values: Float64Array,
  i: number,
  h: number,
  f: (values: Float64Array) => number,
): CentralDifference {
  const plus = shifted(values, i, h, f);
  const minus = shifted(values, i, -h, f);
  return { plus, minus, derivative: (plus.value - minus.value) / (plus.step - minus.step) };
}

/** Validates the step `h` (default {@link DEFAULT_H}). */
export function checkStep(op: string, h: unknown): number {
  const step = h ?? DEFAULT_H;
  if (typeof step !== "number" || !Number.isFinite(step) || step <= 0) {
    throw new InvalidOptionError({ op, option: "h", value: step, expected: "a finite number > 0" });
  }
  return step;
}

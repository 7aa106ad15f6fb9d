// Kink classification of a failing element (internal; see the README's "Kinks" section).
import { type CentralDifference, centralDifference } from "./central-difference.js";

/** Share of the error a kink's smoothness signal must reach (the worst kink position gives 0.4). */
const SIGNAL_SHARE = 0.2;
/** Rounding allowance, in units of ε·max|f|/h, for the combination of five evaluations. */
const ROUNDING = 80;

/** What {@link isKink} needs about one failing element. */
export interface KinkQuestion {
  readonly values: Float64Array;
  readonly index: number;
  readonly h: number;
  readonly f: (values: Float64Array) => number;
  /** f at the unperturbed values. */
  readonly f0: number;
  /** The central difference at step h, already computed. */
  readonly full: CentralDifference;
  /** `|analytic − numerical|` and the tolerance it exceeded. */
  readonly error: number;
  readonly bound: number;
}

/**
 * True when f is not smooth within ±h of the element, enough to explain the failure.
 *
 * 1. The one-sided slopes `(f(x+h) − f(x))/h` and `(f(x) − f(x−h))/h` must disagree beyond the
 *    tolerance, and by at least half the error (at a kink they differ by twice the error of the
 *    central difference).
 * 2. On a smooth f they also disagree, by |f″|·h, so that alone cannot tell a kink from a wrong
 *    gradient where f curves. Two more evaluations at ±h/2 settle it: on a smooth f the slope
 *    jump halves with the step and the central difference barely moves (by f‴h²/8), while a kink
 *    within ±h breaks one of the two, wherever it sits — by at least 0.4× the error.
 */
export function isKink(q: KinkQuestion): boolean {
  const { full, f0, error, bound } = q;
  const jump = slopeJump(full, f0);
  if (!(Math.abs(jump) > bound && Math.abs(jump) >= 0.5 * error)) return false;
  const half = centralDifference(q.values, q.index, q.h / 2, q.f);
  const halfJump = slopeJump(half, f0);
  const scale = meanStep(full) / meanStep(half);
  const signal = Math.max(
    Math.abs(jump - scale * halfJump),
    Math.abs(full.derivative - half.derivative),
  );
  const magnitude = Math.max(
    Math.abs(f0),
    Math.abs(full.plus.value),
    Math.abs(full.minus.value),
    Math.abs(half.plus.value),
    Math.abs(half.minus.value),
  );
  const rounding = (ROUNDING * Number.EPSILON * magnitude) / q.h;
  return signal > rounding && signal >= SIGNAL_SHARE * error;
}

/** Right slope minus left slope. */
function slopeJump(d: CentralDifference, f0: number): number {
  return (d.plus.value - f0) / d.plus.step - (f0 - d.minus.value) / -d.minus.step;
}

function meanStep(d: CentralDifference): number {
  return (d.plus.step - d.minus.step) / 2;
}

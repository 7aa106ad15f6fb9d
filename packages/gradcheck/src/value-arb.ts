import { InvalidOptionError } from "@backprop/errors";
import fc from "fast-check";

/**
 * Points to keep values away from — the kinks of the function under test (0 for ReLU and abs),
 * so that a central difference never straddles one.
 *
 * @example
 * ```ts
 * import { type Avoid, tensorDataArb } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const offReluKink: Avoid = { points: [0], margin: 1e-3 };
 * const [d] = fc.sample(tensorDataArb({ shape: [4], avoid: offReluKink }), 1);
 * console.log(d!.values.every((v) => Math.abs(v) >= 1e-3)); // true
 * ```
 */
export interface Avoid {
  readonly points: readonly number[];
  /** Minimum distance to every point (use at least 10× the step h; e.g. 1e-3). */
  readonly margin: number;
}

/**
 * Options of {@link valueArb}.
 *
 * @example
 * ```ts
 * import { type ValueArbOptions, valueArb } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const options: ValueArbOptions = { min: -1, max: 1, avoid: { points: [0], margin: 0.01 } };
 * console.log(fc.sample(valueArb(options), 50).every((v) => Math.abs(v) >= 0.01)); // true
 * ```
 */
export interface ValueArbOptions {
  /** Smallest value (default −3). */
  readonly min?: number;
  /** Largest value (default 3). */
  readonly max?: number;
  /** Keep values at least `margin` away from each of `points`. */
  readonly avoid?: Avoid;
}

/** Grid of the fine values: multiples of 2^-20 (exact in float32 while |v| < 8). */
const FINE_BITS = 20;

/**
 * "Nice" doubles for tensor values: finite, in `[min, max]`, never subnormal or absurdly tiny,
 * and shrinking to simple values so that a shrunk counterexample is readable.
 *
 * Values are multiples of 2^-20 spread evenly over the range (exact in float32 while |v| < 8);
 * a fifth of them are rounded to a non-zero multiple of 1/2 and a tenth are 0. When a property
 * fails, the rounding is tried first, so counterexamples shrink to 0 and halves such as 0.5 or
 * −1.5 rather than to the smallest fine value. With `avoid`, values closer than `margin` to any
 * of the points are never produced (the arbitrary filters them out).
 *
 * `fc.double` is not used directly: it spreads its draws over the exponents, so most of them in
 * [−3, 3] are like 1e-200 — zeros, for a gradient check — and it shrinks to values like 2e-9.
 *
 * @example
 * ```ts
 * import { valueArb } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const values = fc.sample(valueArb({ min: -2, max: 2, avoid: { points: [0], margin: 1e-3 } }), 100);
 * console.log(values.every((v) => v >= -2 && v <= 2 && Math.abs(v) >= 1e-3)); // true
 * ```
 */
export function valueArb(options: ValueArbOptions = {}): fc.Arbitrary<number> {
  const op = "valueArb";
  const min = finite(op, "min", options.min ?? -3);
  const max = finite(op, "max", options.max ?? 3);
  if (max < min) {
    throw new InvalidOptionError({ op, option: "max", value: max, expected: `>= min (${min})` });
  }
  const avoid = options.avoid;
  const allowed = avoid === undefined ? () => true : allowedBy(op, avoid, min, max);
  const bits = Math.min(
    FINE_BITS,
    30 - Math.ceil(Math.log2(Math.max(1, Math.abs(min), Math.abs(max)))),
  );
  const scale = 2 ** bits;
  const lo = Math.ceil(min * scale);
  const hi = Math.floor(max * scale);
  if (lo > hi) return fc.constant(min);
  // A fine value t, then a form: kept fine (70%), rounded to a non-zero half (20%), or 0 (10%).
  // The form shrinks first, towards a half: a failing case shrinks to values such as 0.5 or −1.5
  // (or 0) rather than to the smallest fine value, 2^-20.
  const fine = fc.noBias(fc.integer({ min: lo, max: hi })).map((i) => i / scale);
  const form = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant("half" as const), weight: 2 },
    { arbitrary: fc.constant("zero" as const), weight: 1 },
    { arbitrary: fc.constant("fine" as const), weight: 7 },
  );
  const arb = fc.tuple(form, fine).map(([f, t]) => {
    const v = f === "fine" ? t : f === "zero" ? 0 : half(t);
    return v >= min && v <= max ? v : t;
  });
  return avoid === undefined ? arb : arb.filter(allowed);
}

/** The nearest multiple of 1/2 away from 0 (never 0 for t ≠ 0): 0.1 → 0.5, −1.3 → −1.5. */
function half(t: number): number {
  if (t === 0) return 0;
  return (Math.sign(t) * Math.max(1, Math.round(Math.abs(t) * 2))) / 2;
}

function allowedBy(op: string, avoid: Avoid, min: number, max: number): (v: number) => boolean {
  const points = avoid.points;
  if (!Array.isArray(points) || !points.every((p) => typeof p === "number" && Number.isFinite(p))) {
    throw new InvalidOptionError({
      op,
      option: "avoid.points",
      value: points,
      expected: "an array of finite numbers",
    });
  }
  const margin = avoid.margin;
  if (typeof margin !== "number" || !Number.isFinite(margin) || margin < 0) {
    throw new InvalidOptionError({
      op,
      option: "avoid.margin",
      value: margin,
      expected: "a finite number >= 0",
    });
  }
  // The excluded intervals must leave a usable part of [min, max].
  const excluded = points
    .map((p) => [Math.max(min, p - margin), Math.min(max, p + margin)] as const)
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = min;
  for (const [a, b] of excluded) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  if (max - min - covered < (max - min) / 100) {
    throw new InvalidOptionError({
      op,
      option: "avoid",
      value: { points, margin },
      expected: `to leave at least 1% of [${min}, ${max}] allowed`,
    });
  }
  return (v) => points.every((p) => Math.abs(v - p) >= margin);
}

function finite(op: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidOptionError({ op, option, value, expected: "a finite number" });
  }
  return value;
}

// Exact decimal arithmetic on the shortest decimal form of doubles — what Optuna does with
// `decimal.Decimal(str(x))` to align a stepped range's upper end and to land on step points
// (`0.1 + 3 × 0.1` is 0.4 here, not 0.30000000000000004 + 0.1).

/** `mantissa × 10^exponent`, exactly. */
interface Decimal {
  readonly mantissa: bigint;
  readonly exponent: number;
}

/** The decimal that `String(x)` (and Python's `repr`) shows for a finite double. */
function decimalOf(x: number): Decimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (match === null) throw new RangeError(`not a finite number: ${x}`);
  const [, sign, whole, fraction = "", exp = "0"] = match;
  const mantissa = BigInt(`${sign}${whole}${fraction}`);
  return { mantissa, exponent: Number(exp) - fraction.length };
}

function scaled(d: Decimal, exponent: number): bigint {
  return d.mantissa * 10n ** BigInt(d.exponent - exponent);
}

function toNumber(mantissa: bigint, exponent: number): number {
  return Number(`${mantissa}e${exponent}`);
}

/**
 * Optuna's `_adjust_discrete_uniform_high`: the largest `low + k·step ≤ high`, computed exactly
 * on the decimal forms (returns `high` itself when the range is a whole number of steps).
 */
export function adjustSteppedHigh(low: number, high: number, step: number): number {
  const l = decimalOf(low);
  const h = decimalOf(high);
  const s = decimalOf(step);
  const e = Math.min(l.exponent, h.exponent, s.exponent);
  const range = scaled(h, e) - scaled(l, e);
  const unit = scaled(s, e);
  if (range % unit === 0n) return high;
  return toNumber((range / unit) * unit + scaled(l, e), e);
}

/** `low + k·step`, exactly on the decimal forms, rounded once to the nearest double. */
export function stepPoint(low: number, step: number, k: number): number {
  const l = decimalOf(low);
  const s = decimalOf(step);
  const e = Math.min(l.exponent, s.exponent);
  return toNumber(scaled(l, e) + BigInt(k) * scaled(s, e), e);
}

/** The number of whole steps in [low, high] minus one: the largest k with low + k·step ≤ high. */
export function stepCount(low: number, high: number, step: number): number {
  const l = decimalOf(low);
  const h = decimalOf(high);
  const s = decimalOf(step);
  const e = Math.min(l.exponent, h.exponent, s.exponent);
  return Number((scaled(h, e) - scaled(l, e)) / scaled(s, e));
}

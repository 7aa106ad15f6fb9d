/** The modified Bessel function of the first kind, order 0 (its power series). */
function besselI0(x: number): number {
  let term = 1;
  let sum = 1;
  const q = (x * x) / 4;
  for (let k = 1; term > 1e-17 * sum; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** NumPy's `np.kaiser(length, beta)` window. */
function kaiser(length: number, beta: number): number[] {
  const alpha = (length - 1) / 2;
  return Array.from({ length }, (_, n) =>
    alpha === 0 ? 1 : besselI0(beta * Math.sqrt(1 - ((n - alpha) / alpha) ** 2)) / besselI0(beta),
  );
}

/**
 * The book's `smooth_curve` (common/util.py), used for its loss plots: a moving average with an
 * 11-point Kaiser window (β = 2) over the series mirrored at both ends, so the result has the
 * input's length. The mirroring follows NumPy's indices exactly (the start leaves out the first
 * point, the end repeats the last); a series shorter than the window is mirrored as far as it
 * goes (the ends clamp).
 *
 * @example
 * ```ts
 * import { smoothCurve } from "@backprop/experiments";
 * const noisy = Array.from({ length: 40 }, (_, i) => 1 + (i % 2 === 0 ? 0.1 : -0.1));
 * const smooth = smoothCurve(noisy);
 * console.log(smooth.length, Math.abs(smooth[20]! - 1) < 0.02); // 40 true
 * ```
 */
export function smoothCurve(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return [];
  const window = kaiser(11, 2);
  const total = window.reduce((a, b) => a + b, 0);
  const half = 5;
  const at = (j: number) => {
    // np.r_[x[10:0:-1], x, x[-1:-11:-1]]: x[-j] before the start, x[2n − 1 − j] after the end.
    const k = j < 0 ? -j : j >= n ? 2 * n - 1 - j : j;
    return values[Math.min(n - 1, Math.max(0, k))]!;
  };
  return Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let d = -half; d <= half; d++) s += window[d + half]! * at(i + d);
    return s / total;
  });
}

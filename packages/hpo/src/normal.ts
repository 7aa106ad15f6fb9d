// The standard normal distribution in log space, for the Parzen estimators: log Φ(z) and
// log(Φ(b) − Φ(a)) without underflow far in the tails. erfc is the Chebyshev fit of Numerical
// Recipes (relative error < 1.2e-7 everywhere), evaluated as a logarithm so it never
// underflows.

const LN_HALF = -Math.LN2; // log(1/2)
const LN_SQRT_2PI = 0.9189385332046727; // log(√(2π))

/** log erfc(x) for x ≥ 0. */
function logErfcNonNegative(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** Φ(z) for z ≤ 0 (accurate in relative terms). */
function lowerTail(z: number): number {
  return Math.exp(LN_HALF + logErfcNonNegative(-z / Math.SQRT2));
}

/** log Φ(z). */
export function logNdtr(z: number): number {
  if (z <= 0) return LN_HALF + logErfcNonNegative(-z / Math.SQRT2);
  return Math.log1p(-lowerTail(-z));
}

/** log(1 − eˣ) for x ≤ 0. */
function log1mExp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** log(Φ(b) − Φ(a)) for a ≤ b: the log probability mass of [a, b] under N(0, 1). */
export function logGaussMass(a: number, b: number): number {
  if (a > 0) return logGaussMass(-b, -a);
  if (b <= 0) {
    const lb = logNdtr(b);
    return lb + log1mExp(logNdtr(a) - lb);
  }
  return Math.log1p(-lowerTail(a) - lowerTail(-b));
}

/** log of the N(mu, sigma) density at x. */
export function logNormalPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma) - LN_SQRT_2PI;
}

/** log Σ exp(xᵢ). */
export function logSumExp(xs: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > max) max = x;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const x of xs) sum += Math.exp(x - max);
  return max + Math.log(sum);
}

// The univariate Parzen estimator of TPE (Bergstra et al. 2011, as Optuna's TPESampler
// configures it): one truncated Gaussian per observation plus a wide prior Gaussian, mixed with
// weights that favour recent observations; for categorical parameters, one smoothed histogram
// per observation. Numerical parameters are modelled in a transformed space: log for log
// parameters, and a range widened by half a step on each side for stepped ones.
import type { Rng } from "@backprop/random";
import { stepCount, stepPoint } from "./decimal.js";
import { logGaussMass, logNormalPdf, logSumExp } from "./normal.js";
import type { Distribution } from "./types.js";

/** How the estimators are built (Optuna's `_ParzenEstimatorParameters`). */
export interface ParzenOptions {
  readonly priorWeight: number;
  readonly considerPrior: boolean;
  readonly considerMagicClip: boolean;
  readonly considerEndpoints: boolean;
  readonly weights: (n: number) => readonly number[];
}

/** Optuna's default weights: 1 for the last 25 observations, a linear ramp up to them before. */
export function defaultWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = Array.from({ length: n - 25 }, (_, i) =>
    n - 25 === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (n - 26),
  );
  return [...ramp, ...new Array<number>(25).fill(1)];
}

/** The transformed range [low, high] and, for stepped parameters, the step q. */
interface Bounds {
  readonly low: number;
  readonly high: number;
  readonly q: number | null;
}

function boundsOf(d: Exclude<Distribution, { type: "categorical" }>): Bounds {
  if (d.type === "float") {
    if (d.log) return { low: Math.log(d.low), high: Math.log(d.high), q: null };
    if (d.step !== null)
      return { low: d.low - 0.5 * d.step, high: d.high + 0.5 * d.step, q: d.step };
    return { low: d.low, high: d.high, q: null };
  }
  if (d.log) return { low: Math.log(d.low - 0.5), high: Math.log(d.high + 0.5), q: null };
  return { low: d.low - 0.5 * d.step, high: d.high + 0.5 * d.step, q: d.step };
}

/** An internal value in the transformed space. */
export function transform(d: Distribution, internal: number): number {
  return d.type !== "categorical" && d.log ? Math.log(internal) : internal;
}

/** Whether an internal value lies inside the modelled range. */
export function inRange(d: Distribution, internal: number): boolean {
  if (d.type === "categorical")
    return Number.isInteger(internal) && internal >= 0 && internal < d.choices.length;
  return internal >= d.low && internal <= d.high;
}

function normalise(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

function pick(weights: readonly number[], rng: Rng): number {
  const u = rng.uniform();
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    if (u < acc) return i;
  }
  return weights.length - 1;
}

/** A mixture density over one parameter. Samples and densities use internal values. */
export interface ParzenEstimator {
  sample(rng: Rng, size: number): number[];
  logPdf(internal: number): number;
}

/** The estimator of `observations` (internal values, in chronological order). */
export function parzenEstimator(
  d: Distribution,
  observations: readonly number[],
  options: ParzenOptions,
): ParzenEstimator {
  const n = observations.length;
  const considerPrior = options.considerPrior || n === 0;
  const w = options.weights(n).slice(0, n);
  const weights = normalise(considerPrior ? [...w, options.priorWeight] : [...w]);
  return d.type === "categorical"
    ? categorical(d.choices.length, observations, weights, considerPrior, options.priorWeight)
    : numerical(d, observations, weights, considerPrior, options);
}

function categorical(
  k: number,
  observations: readonly number[],
  weights: readonly number[],
  considerPrior: boolean,
  priorWeight: number,
): ParzenEstimator {
  const n = observations.length;
  const fill = considerPrior ? priorWeight / (n + 1) : priorWeight / n;
  const rows = Array.from({ length: considerPrior ? n + 1 : n }, (_, i) => {
    const row = new Array<number>(k).fill(fill);
    if (i < n) row[observations[i]!]! += 1;
    return normalise(row);
  });
  const mixture = Array.from({ length: k }, (_, c) =>
    rows.reduce((acc, row, i) => acc + weights[i]! * row[c]!, 0),
  );
  return {
    sample: (rng, size) => Array.from({ length: size }, () => pick(rows[pick(weights, rng)]!, rng)),
    logPdf: (c) => Math.log(mixture[c] ?? 0),
  };
}

function numerical(
  d: Exclude<Distribution, { type: "categorical" }>,
  observations: readonly number[],
  weights: readonly number[],
  considerPrior: boolean,
  options: ParzenOptions,
): ParzenEstimator {
  const { low, high, q } = boundsOf(d);
  const n = observations.length;
  const mus = observations.map((x) => transform(d, x));
  if (considerPrior) mus.push(0.5 * (low + high));
  // Bandwidth: the distance to the farther of the two neighbours (with the range's ends as
  // neighbours), or to the only inner neighbour at either end unless endpoints count.
  const order = mus.map((_, i) => i).sort((a, b) => mus[a]! - mus[b]! || a - b);
  const sorted = [low, ...order.map((i) => mus[i]!), high];
  const sortedSigmas = order.map((_, j) =>
    Math.max(sorted[j + 1]! - sorted[j]!, sorted[j + 2]! - sorted[j + 1]!),
  );
  if (!options.considerEndpoints && sorted.length >= 4) {
    sortedSigmas[0] = sorted[2]! - sorted[1]!;
    sortedSigmas[sortedSigmas.length - 1] = sorted.at(-2)! - sorted.at(-3)!;
  }
  const sigmas = new Array<number>(mus.length);
  order.forEach((i, j) => {
    sigmas[i] = sortedSigmas[j]!;
  });
  const maxSigma = high - low;
  const minSigma = options.considerMagicClip ? (high - low) / Math.min(100, 1 + mus.length) : 1e-12;
  for (let i = 0; i < sigmas.length; i++)
    sigmas[i] = Math.min(maxSigma, Math.max(minSigma, sigmas[i]!));
  if (considerPrior) sigmas[n] = high - low;
  const logMass = mus.map((mu, i) =>
    logGaussMass((low - mu) / sigmas[i]!, (high - mu) / sigmas[i]!),
  );
  const logWeights = weights.map(Math.log);

  const draw = (rng: Rng): number => {
    const i = pick(weights, rng);
    const mu = mus[i]!;
    const sigma = sigmas[i]!;
    // Rejection from N(mu, sigma) restricted to [low, high]: mu lies in the range and
    // sigma ≤ high − low, so at least a third of the draws land inside.
    for (let tries = 0; tries < 1000; tries++) {
      const x = mu + sigma * rng.normal();
      if (x >= low && x <= high) return x;
    }
    return low + (high - low) * rng.uniform();
  };

  const untransform = (x: number): number => {
    if (d.type === "float") {
      if (d.log) return Math.min(d.high, Math.max(d.low, Math.exp(x)));
      if (d.step === null) return x;
      const k = Math.min(
        stepCount(d.low, d.high, d.step),
        Math.max(0, Math.round((x - d.low) / d.step)),
      );
      return stepPoint(d.low, d.step, k);
    }
    if (d.log) return Math.min(d.high, Math.max(d.low, Math.round(Math.exp(x))));
    const k = Math.round((x - d.low) / d.step);
    return Math.min(d.high, Math.max(d.low, d.low + k * d.step));
  };

  return {
    sample: (rng, size) => Array.from({ length: size }, () => untransform(draw(rng))),
    logPdf: (internal) => {
      const x = transform(d, internal);
      const terms = mus.map((mu, i) => {
        const sigma = sigmas[i]!;
        const density =
          q === null
            ? logNormalPdf(x, mu, sigma)
            : logGaussMass(
                (Math.max(x - q / 2, low) - mu) / sigma,
                (Math.min(x + q / 2, high) - mu) / sigma,
              );
        return logWeights[i]! + density - logMass[i]!;
      });
      return logSumExp(terms);
    },
  };
}

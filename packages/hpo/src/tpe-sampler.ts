import { InvalidOptionError } from "@backprop/errors";
import { toInternal } from "./distributions.js";
import {
  defaultWeights,
  inRange,
  type ParzenOptions,
  parzenEstimator,
} from "./parzen-estimator.js";
import { sampleUniform } from "./random-sampler.js";
import type { Distribution, FrozenTrial, Sampler, StudyDirection } from "./types.js";
import { jsonOptions } from "./validate.js";

/**
 * Options of {@link tpeSampler}; the defaults are Optuna's (except `constantLiar`).
 *
 * @example
 * ```ts
 * import { tpeSampler, type TpeSamplerOptions } from "@backprop/hpo";
 * const options: TpeSamplerOptions = { nStartupTrials: 20, nEiCandidates: 48 };
 * console.log(tpeSampler(options).name); // tpe
 * ```
 */
export interface TpeSamplerOptions {
  /** Trials sampled at random before TPE starts (COMPLETE and PRUNED ones count). Default 10. */
  readonly nStartupTrials?: number;
  /** Candidates drawn from l(x) per suggestion; the one with the best l(x)/g(x) wins. Default 24. */
  readonly nEiCandidates?: number;
  /** How many of n finished trials form the good group: default `min(ceil(0.1·n), 25)`. */
  readonly gamma?: (n: number) => number;
  /** Weights of n observations, oldest first: default 1 for the last 25, a ramp before. */
  readonly weights?: (n: number) => readonly number[];
  /** Weight of the prior (a Gaussian over the whole range, or uniform choices). Default 1. */
  readonly priorWeight?: number;
  /** Mix the prior into both estimators. Default true. */
  readonly considerPrior?: boolean;
  /** Keep every kernel at least range / min(100, 1 + kernels) wide. Default true. */
  readonly considerMagicClip?: boolean;
  /** Let the range ends count as neighbours for the outermost kernels' widths. Default false. */
  readonly considerEndpoints?: boolean;
  /**
   * Count RUNNING trials as the worst observations (constant liar), so that workers sampling
   * at the same time stay away from the points the others are evaluating. Default true (Optuna's
   * default is false; with one worker, and no trial left RUNNING by a crashed one, it changes
   * nothing).
   */
  readonly constantLiar?: boolean;
}

/** Optuna's default gamma: the best 10% of the trials, at most 25. */
function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** A trial's rank key: (step key, signed value), compared lexicographically, smaller better. */
type Score = readonly [number, number];

function scoreOf(t: FrozenTrial, sign: number): Score | undefined {
  if (t.state === "COMPLETE")
    return t.value === undefined ? undefined : [Number.NEGATIVE_INFINITY, sign * t.value];
  if (t.state === "PRUNED") {
    const steps = Object.keys(t.intermediateValues).map(Number);
    if (steps.length === 0) return [1, 0];
    const step = Math.max(...steps);
    const v = t.intermediateValues[step]!;
    return [-step, Number.isNaN(v) ? Number.POSITIVE_INFINITY : sign * v];
  }
  if (t.state === "RUNNING") return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  return undefined;
}

function compare(a: Score, b: Score): number {
  return a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : 0;
}

/** The internal value of a trial's parameter when it lies in `d`'s current range. */
function observed(t: FrozenTrial, name: string, d: Distribution): number | undefined {
  if (!(name in t.params)) return undefined;
  const previous = t.distributions[name];
  if (previous === undefined || previous.type !== d.type) return undefined;
  const internal = toInternal(d, t.params[name]!);
  return internal !== undefined && inRange(d, internal) ? internal : undefined;
}

function positiveInteger(op: string, option: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new InvalidOptionError({ op, option, value, expected: `an integer >= ${min}` });
  return value;
}

/**
 * The Tree-structured Parzen Estimator (Bergstra et al., NeurIPS 2011), univariate, as Optuna
 * runs it: after `nStartupTrials` random trials, the finished trials are split into the best
 * `gamma(n)` ("below", l) and the rest ("above", g) — PRUNED trials ranked by how far they got,
 * then by their last value — and for each parameter `nEiCandidates` points are drawn from l and
 * the one with the largest l(x)/g(x) (the expected-improvement criterion) is chosen. Each of
 * l and g is a Parzen estimator: a truncated Gaussian per observation, on the log scale for log
 * parameters, with widths from the neighbouring observations, clipped, plus a prior over the
 * whole range; categorical parameters get smoothed histograms. Recent observations weigh more
 * once there are over 25. Observations outside a parameter's current range (an earlier
 * narrowing stage) are left out of its estimators.
 *
 * With `constantLiar` (default), RUNNING trials join g as the worst results, so parallel
 * workers do not all propose the same point. All randomness comes from the trial's generator.
 *
 * @example
 * ```ts
 * import { createStudy, randomSampler, tpeSampler } from "@backprop/hpo";
 * const sphere = (t: { suggestFloat(n: string, lo: number, hi: number): number }) =>
 *   t.suggestFloat("x", -5, 5) ** 2 + t.suggestFloat("y", -5, 5) ** 2;
 * const tpe = await createStudy({ studyName: "tpe", direction: "minimize", seed: 7, sampler: tpeSampler() });
 * const random = await createStudy({ studyName: "random", direction: "minimize", seed: 7, sampler: randomSampler() });
 * await tpe.optimize(sphere, { nTrials: 60 });
 * await random.optimize(sphere, { nTrials: 60 });
 * console.log(tpe.bestValue < random.bestValue); // true
 * ```
 */
export function tpeSampler(options: TpeSamplerOptions = {}): Sampler {
  const op = "tpeSampler";
  const nStartup = positiveInteger(op, "nStartupTrials", options.nStartupTrials ?? 10, 0);
  const nCandidates = positiveInteger(op, "nEiCandidates", options.nEiCandidates ?? 24, 1);
  const gamma = options.gamma ?? defaultGamma;
  const priorWeight = options.priorWeight ?? 1;
  if (!(priorWeight > 0 && Number.isFinite(priorWeight)))
    throw new InvalidOptionError({
      op,
      option: "priorWeight",
      value: priorWeight,
      expected: "a finite number > 0",
    });
  const parzen: ParzenOptions = {
    priorWeight,
    considerPrior: options.considerPrior ?? true,
    considerMagicClip: options.considerMagicClip ?? true,
    considerEndpoints: options.considerEndpoints ?? false,
    weights: options.weights ?? defaultWeights,
  };
  const constantLiar = options.constantLiar ?? true;
  return {
    name: "tpe",
    options: jsonOptions(options),
    sample(context, name, distribution) {
      const sign = (context.study.direction as StudyDirection) === "minimize" ? 1 : -1;
      const scored: Array<{ score: Score; value: number | undefined }> = [];
      for (const t of context.study.trials) {
        if (t.state === "RUNNING" && !constantLiar) continue;
        const score = scoreOf(t, sign);
        if (score !== undefined) scored.push({ score, value: observed(t, name, distribution) });
      }
      const n = scored.filter((s) => s.score[0] !== Number.POSITIVE_INFINITY).length;
      if (n < nStartup) return sampleUniform(distribution, context.rng);
      const nBelow = Math.max(0, Math.min(scored.length, Math.floor(gamma(n))));
      const ranked = scored
        .map((_, i) => i)
        .sort((a, b) => compare(scored[a]!.score, scored[b]!.score) || a - b);
      const belowSet = new Set(ranked.slice(0, nBelow));
      const below: number[] = [];
      const above: number[] = [];
      scored.forEach((s, i) => {
        if (s.value !== undefined) (belowSet.has(i) ? below : above).push(s.value);
      });
      const l = parzenEstimator(distribution, below, parzen);
      const g = parzenEstimator(distribution, above, parzen);
      let best = Number.NaN;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const x of l.sample(context.rng, nCandidates)) {
        const score = l.logPdf(x) - g.logPdf(x);
        if (Number.isNaN(best) || score > bestScore) {
          best = x;
          bestScore = score;
        }
      }
      return best;
    },
  };
}

import { InvalidOptionError } from "@backprop/errors";
import type { FrozenTrial, Pruner, StudyDirection } from "./types.js";
import { jsonOptions } from "./validate.js";

/**
 * Options of {@link percentilePruner} (and, without `percentile`, of {@link medianPruner}).
 *
 * @example
 * ```ts
 * import { percentilePruner, type PercentilePrunerOptions } from "@backprop/hpo";
 * const options: PercentilePrunerOptions = { percentile: 25, nStartupTrials: 5, nWarmupSteps: 3 };
 * console.log(percentilePruner(options).name); // percentile
 * ```
 */
export interface PercentilePrunerOptions {
  /** Keep a trial while its best value so far is in the top `percentile` % at the step. */
  readonly percentile: number;
  /** No pruning until this many trials are COMPLETE. Default 5. */
  readonly nStartupTrials?: number;
  /** No pruning before this step (steps count from the first report). Default 0. */
  readonly nWarmupSteps?: number;
  /** Decide only every this many steps after the warm-up. Default 1. */
  readonly intervalSteps?: number;
  /** No pruning at a step fewer than this many COMPLETE trials reported. Default 1. */
  readonly nMinTrials?: number;
}

function checkCount(op: string, option: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new InvalidOptionError({ op, option, value, expected: `an integer >= ${min}` });
  return value;
}

/** The `percentile`-th percentile of `values` with linear interpolation (NumPy's default). */
export function percentile(values: readonly number[], p: number): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const rank = (p / 100) * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo]! + (v[hi]! - v[lo]!) * (rank - lo);
}

function lastStep(t: FrozenTrial): number | undefined {
  const steps = Object.keys(t.intermediateValues).map(Number);
  return steps.length === 0 ? undefined : Math.max(...steps);
}

function bestSoFar(t: FrozenTrial, direction: StudyDirection): number {
  const v = Object.values(t.intermediateValues).filter((x) => !Number.isNaN(x));
  if (v.length === 0) return Number.NaN;
  return direction === "maximize" ? Math.max(...v) : Math.min(...v);
}

/** Optuna's `_is_first_in_interval_step`: no earlier report in this interval. */
function firstInInterval(t: FrozenTrial, step: number, warmup: number, interval: number): boolean {
  const nearest = Math.floor((step - warmup) / interval) * interval + warmup;
  let secondLast = -1;
  for (const s of Object.keys(t.intermediateValues).map(Number))
    if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearest;
}

/**
 * Optuna's PercentilePruner: prunes a trial whose best intermediate value so far is worse than
 * the `percentile`-th percentile of the COMPLETE trials' values at the same step (for maximize,
 * the mirrored percentile), after `nStartupTrials` trials and `nWarmupSteps` steps, every
 * `intervalSteps`. A trial whose values are all NaN is pruned.
 *
 * @example
 * ```ts
 * import { percentilePruner } from "@backprop/hpo";
 * const pruner = percentilePruner({ percentile: 25, nStartupTrials: 1 });
 * const done = (value: number) => ({ state: "COMPLETE", intermediateValues: { 0: value } }) as never;
 * const study = { direction: "minimize" as const, trials: [done(1), done(2), done(3), done(4), done(5)] };
 * const running = (value: number) => ({ state: "RUNNING", intermediateValues: { 0: value }, systemAttrs: {} }) as never;
 * const decide = (value: number) => pruner.prune({ study, trial: running(value), setTrialSystemAttr: () => {} });
 * console.log(decide(1.5), decide(2.5)); // false true
 * ```
 */
export function percentilePruner(options: PercentilePrunerOptions): Pruner {
  const op = "percentilePruner";
  const p = options.percentile;
  if (!(typeof p === "number" && p >= 0 && p <= 100))
    throw new InvalidOptionError({
      op,
      option: "percentile",
      value: p,
      expected: "a number in [0, 100]",
    });
  const nStartup = checkCount(op, "nStartupTrials", options.nStartupTrials ?? 5, 0);
  const warmup = checkCount(op, "nWarmupSteps", options.nWarmupSteps ?? 0, 0);
  const interval = checkCount(op, "intervalSteps", options.intervalSteps ?? 1, 1);
  const nMin = checkCount(op, "nMinTrials", options.nMinTrials ?? 1, 1);
  return {
    name: "percentile",
    options: jsonOptions(options),
    prune({ study, trial }) {
      const completed = study.trials.filter((t) => t.state === "COMPLETE");
      if (completed.length === 0 || completed.length < nStartup) return false;
      const step = lastStep(trial);
      if (step === undefined || step < warmup) return false;
      if (!firstInInterval(trial, step, warmup, interval)) return false;
      const best = bestSoFar(trial, study.direction);
      if (Number.isNaN(best)) return true;
      const atStep = completed
        .filter((t) => step in t.intermediateValues)
        .map((t) => t.intermediateValues[step]!);
      if (atStep.length < nMin) return false;
      const threshold = percentile(atStep, study.direction === "maximize" ? 100 - p : p);
      if (Number.isNaN(threshold)) return false;
      return study.direction === "maximize" ? best < threshold : best > threshold;
    },
  };
}

/**
 * Options of {@link medianPruner}.
 *
 * @example
 * ```ts
 * import { medianPruner, type MedianPrunerOptions } from "@backprop/hpo";
 * const options: MedianPrunerOptions = { nStartupTrials: 5, nWarmupSteps: 2, intervalSteps: 1 };
 * console.log(medianPruner(options).name); // median
 * ```
 */
export type MedianPrunerOptions = Omit<PercentilePrunerOptions, "percentile">;

/**
 * Optuna's MedianPruner (the default pruner): prunes a trial whose best intermediate value is
 * worse than the median of the COMPLETE trials' values at the same step.
 *
 * @example
 * ```ts
 * import { createStudy, medianPruner, TrialPruned } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "median", direction: "maximize", seed: 1, pruner: medianPruner({ nStartupTrials: 3 }) });
 * await study.optimize(async (trial) => {
 *   const quality = trial.suggestFloat("quality", 0, 1);
 *   for (let epoch = 1; epoch <= 5; epoch++) {
 *     trial.report(quality * epoch, epoch);
 *     if (trial.shouldPrune()) throw new TrialPruned();
 *   }
 *   return quality * 5;
 * }, { nTrials: 20 });
 * console.log(study.trials.some((t) => t.state === "PRUNED")); // true
 * ```
 */
export function medianPruner(options: MedianPrunerOptions = {}): Pruner {
  return {
    ...percentilePruner({ ...options, percentile: 50 }),
    name: "median",
    options: jsonOptions(options),
  };
}

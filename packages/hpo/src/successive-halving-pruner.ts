import { InvalidOptionError } from "@backprop/errors";
import type { FrozenTrial, Pruner } from "./types.js";
import { jsonOptions } from "./validate.js";

/**
 * Options of {@link successiveHalvingPruner}; the defaults are Optuna's.
 *
 * @example
 * ```ts
 * import { successiveHalvingPruner, type SuccessiveHalvingPrunerOptions } from "@backprop/hpo";
 * const options: SuccessiveHalvingPrunerOptions = { minResource: 1, reductionFactor: 3 };
 * console.log(successiveHalvingPruner(options).name); // successiveHalving
 * ```
 */
export interface SuccessiveHalvingPrunerOptions {
  /**
   * Steps (epochs) every trial gets before its first rung; `"auto"` (default) takes the last
   * step of the first COMPLETE trial divided by 100 (at least 1).
   */
  readonly minResource?: number | "auto";
  /** η: a rung keeps the top 1/η of the trials that reached it. Default 4. */
  readonly reductionFactor?: number;
  /** s: rung k is at `minResource · η^(s + k)` steps. Default 0. */
  readonly minEarlyStoppingRate?: number;
  /** Trials that must reach a rung before it promotes anyone. Default 0. */
  readonly bootstrapCount?: number;
}

function lastStep(t: FrozenTrial): number | undefined {
  const steps = Object.keys(t.intermediateValues).map(Number);
  return steps.length === 0 ? undefined : Math.max(...steps);
}

const rungKey = (rung: number) => `completed_rung_${rung}`;

/**
 * Asynchronous successive halving (ASHA; Li et al. 2018), as Optuna's SuccessiveHalvingPruner:
 * rung k sits at `minResource · η^(s + k)` steps; a trial that reaches a rung records its value
 * there (system attribute `completed_rung_k`, Optuna's name) and goes on only if the value is
 * in the top 1/η of all values recorded at that rung so far (the first trials are compared with
 * the best so far). Nothing waits for a rung to fill, so workers never idle.
 *
 * @example
 * ```ts
 * import { successiveHalvingPruner } from "@backprop/hpo";
 * const pruner = successiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
 * const atRung0 = (trialId: number, value: number) =>
 *   ({ trialId, state: "COMPLETE", intermediateValues: {}, systemAttrs: { completed_rung_0: value } }) as never;
 * const study = { direction: "maximize" as const, trials: [atRung0(0, 0.9), atRung0(1, 0.8), atRung0(2, 0.7)] };
 * const decide = (value: number) => {
 *   const trial = { trialId: 3, state: "RUNNING", intermediateValues: { 1: value }, systemAttrs: {} } as never;
 *   return pruner.prune({ study, trial, setTrialSystemAttr: () => {} });
 * };
 * console.log(decide(0.95), decide(0.6)); // false true
 * ```
 */
export function successiveHalvingPruner(options: SuccessiveHalvingPrunerOptions = {}): Pruner {
  const op = "successiveHalvingPruner";
  const min = options.minResource ?? "auto";
  if (min !== "auto" && !(Number.isSafeInteger(min) && min >= 1))
    throw new InvalidOptionError({
      op,
      option: "minResource",
      value: min,
      expected: '"auto" or an integer >= 1',
    });
  const eta = options.reductionFactor ?? 4;
  if (!(Number.isSafeInteger(eta) && eta >= 2))
    throw new InvalidOptionError({
      op,
      option: "reductionFactor",
      value: eta,
      expected: "an integer >= 2",
    });
  const rate = options.minEarlyStoppingRate ?? 0;
  if (!(Number.isSafeInteger(rate) && rate >= 0))
    throw new InvalidOptionError({
      op,
      option: "minEarlyStoppingRate",
      value: rate,
      expected: "an integer >= 0",
    });
  const bootstrap = options.bootstrapCount ?? 0;
  if (!(Number.isSafeInteger(bootstrap) && bootstrap >= 0))
    throw new InvalidOptionError({
      op,
      option: "bootstrapCount",
      value: bootstrap,
      expected: "an integer >= 0",
    });
  let minResource = min === "auto" ? undefined : min;
  return {
    name: "successiveHalving",
    options: jsonOptions(options),
    prune({ study, trial, setTrialSystemAttr }) {
      const step = lastStep(trial);
      if (step === undefined) return false;
      const value = trial.intermediateValues[step]!;
      let rung = 0;
      while (rungKey(rung) in trial.systemAttrs) rung++;
      for (;;) {
        if (minResource === undefined) {
          const steps = study.trials
            .filter((t) => t.state === "COMPLETE")
            .map(lastStep)
            .filter((s): s is number => s !== undefined);
          if (steps.length === 0) return false;
          minResource = Math.max(Math.floor(Math.max(...steps) / 100), 1);
        }
        if (step < minResource * eta ** (rate + rung)) return false;
        if (Number.isNaN(value)) return true;
        const key = rungKey(rung);
        setTrialSystemAttr(key, value);
        const competing = study.trials
          .filter((t) => t.trialId !== trial.trialId && typeof t.systemAttrs[key] === "number")
          .map((t) => t.systemAttrs[key] as number);
        competing.push(value);
        if (competing.length <= bootstrap) return true;
        competing.sort((a, b) => a - b);
        const index = Math.max(Math.floor(competing.length / eta) - 1, 0);
        const promotable =
          study.direction === "maximize"
            ? value >= competing[competing.length - 1 - index]!
            : value <= competing[index]!;
        if (!promotable) return true;
        rung++;
      }
    },
  };
}

/**
 * A finished trial of a hyperparameter search, as the search plots read it (a plain object —
 * `@backprop/hpo`'s `FrozenTrial` fits).
 *
 * @example
 * ```ts
 * import type { SearchTrialPoint } from "@backprop/experiments";
 * const t: SearchTrialPoint = { number: 3, value: 0.91, params: { lr: 0.004, weight_decay: 2e-7 } };
 * console.log(t.params.lr); // 0.004
 * ```
 */
export interface SearchTrialPoint {
  readonly number: number;
  /** The objective's value (COMPLETE trials; others may be left out). */
  readonly value: number;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * A numeric parameter axis of the search plots: its name and whether it is searched on a log
 * scale.
 *
 * @example
 * ```ts
 * import type { SearchParamAxis } from "@backprop/experiments";
 * const axes: SearchParamAxis[] = [{ name: "lr", log: true }, { name: "weight_decay", log: true }];
 * console.log(axes.length); // 2
 * ```
 */
export interface SearchParamAxis {
  readonly name: string;
  readonly log: boolean;
}

/** The trials with a finite value and a finite number for every axis (positive on log axes). */
export function plottable(
  trials: readonly SearchTrialPoint[],
  axes: readonly SearchParamAxis[],
): SearchTrialPoint[] {
  return trials.filter(
    (t) =>
      Number.isFinite(t.value) &&
      axes.every((a) => {
        const v = t.params[a.name];
        return typeof v === "number" && Number.isFinite(v) && (!a.log || v > 0);
      }),
  );
}

import { InvalidOptionError } from "@backprop/errors";
import type { CategoricalChoice, ParamValue, Trial } from "./types.js";

/**
 * One parameter of a {@link SearchSpace}: the arguments of the `suggest*` call it stands for.
 *
 * @example
 * ```ts
 * import type { ParamSpec } from "@backprop/hpo";
 * const lr: ParamSpec = { type: "float", low: 1e-6, high: 1e-2, log: true };
 * console.log(lr.type); // float
 * ```
 */
export type ParamSpec =
  | {
      readonly type: "float";
      readonly low: number;
      readonly high: number;
      readonly log?: boolean;
      readonly step?: number;
    }
  | {
      readonly type: "int";
      readonly low: number;
      readonly high: number;
      readonly log?: boolean;
      readonly step?: number;
    }
  | { readonly type: "categorical"; readonly choices: readonly CategoricalChoice[] };

/**
 * Named parameters with their ranges, suggested in key order by {@link suggestParams} (what
 * {@link narrowingSearch} narrows).
 *
 * @example
 * ```ts
 * import type { SearchSpace } from "@backprop/hpo";
 * // The book's chapter-6 search.
 * const book: SearchSpace = {
 *   lr: { type: "float", low: 1e-6, high: 1e-2, log: true },
 *   weight_decay: { type: "float", low: 1e-8, high: 1e-4, log: true },
 * };
 * console.log(Object.keys(book)); // [ 'lr', 'weight_decay' ]
 * ```
 */
export type SearchSpace = Readonly<Record<string, ParamSpec>>;

/**
 * Suggests every parameter of a search space on a trial, in key order, and returns the values.
 *
 * @example
 * ```ts
 * import { FixedTrial, suggestParams } from "@backprop/hpo";
 * const trial = new FixedTrial({ lr: 0.001, hidden: 100, activation: "relu" });
 * const params = suggestParams(trial, {
 *   lr: { type: "float", low: 1e-6, high: 1e-2, log: true },
 *   hidden: { type: "int", low: 50, high: 200, step: 50 },
 *   activation: { type: "categorical", choices: ["relu", "tanh"] },
 * });
 * console.log(params); // { lr: 0.001, hidden: 100, activation: 'relu' }
 * ```
 */
export function suggestParams(trial: Trial, space: SearchSpace): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(space)) {
    const options = {
      ...(spec.type !== "categorical" && spec.log !== undefined ? { log: spec.log } : {}),
      ...(spec.type !== "categorical" && spec.step !== undefined ? { step: spec.step } : {}),
    };
    let value: ParamValue;
    if (spec.type === "float") value = trial.suggestFloat(name, spec.low, spec.high, options);
    else if (spec.type === "int") value = trial.suggestInt(name, spec.low, spec.high, options);
    else if (spec.type === "categorical") value = trial.suggestCategorical(name, spec.choices);
    else
      throw new InvalidOptionError({
        op: "suggestParams",
        option: `space.${name}.type`,
        value: (spec as { type: unknown }).type,
        expected: '"float", "int" or "categorical"',
      });
    Object.defineProperty(out, name, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return out;
}

import { InvalidOptionError } from "@backprop/errors";
import {
  categoricalDistribution,
  contains,
  floatDistribution,
  intDistribution,
  toInternal,
} from "./distributions.js";
import type {
  CategoricalChoice,
  Distribution,
  JsonValue,
  ParamValue,
  SuggestOptions,
  Trial,
} from "./types.js";
import { checkJson, checkName, checkNumber, checkStep } from "./validate.js";

/**
 * Options of {@link FixedTrial}.
 *
 * @example
 * ```ts
 * import { FixedTrial, type FixedTrialOptions } from "@backprop/hpo";
 * const options: FixedTrialOptions = { number: 7, onWarning: () => {} };
 * console.log(new FixedTrial({}, options).number); // 7
 * ```
 */
export interface FixedTrialOptions {
  /** The trial number the objective sees. Default 0. */
  readonly number?: number;
  /** The signal the objective sees. */
  readonly signal?: AbortSignal;
  /** Called when a fixed value lies outside the suggested range (default: `console.warn`). */
  readonly onWarning?: (message: string) => void;
}

/**
 * A trial with given parameters, for running or testing an objective outside a study (Optuna's
 * FixedTrial): every `suggest*` returns the value given for that name — an error naming the
 * parameter when there is none — `report` records, and `shouldPrune` is always false.
 *
 * @example
 * ```ts
 * import { FixedTrial, type Trial } from "@backprop/hpo";
 * const objective = (trial: Trial) => {
 *   const lr = trial.suggestFloat("lr", 1e-6, 1e-2, { log: true });
 *   const hidden = trial.suggestInt("hidden", 50, 200, { step: 50 });
 *   trial.report(0.5, 1);
 *   return lr * hidden;
 * };
 * const trial = new FixedTrial({ lr: 0.001, hidden: 100 });
 * console.log(objective(trial), trial.intermediateValues, trial.shouldPrune()); // 0.1 { '1': 0.5 } false
 * ```
 */
export class FixedTrial implements Trial {
  readonly number: number;
  readonly signal: AbortSignal | undefined;
  readonly #fixed: Readonly<Record<string, ParamValue>>;
  readonly #params: Record<string, ParamValue> = {};
  readonly #distributions: Record<string, Distribution> = {};
  readonly #userAttrs: Record<string, JsonValue> = {};
  readonly #intermediate: Record<number, number> = {};
  readonly #warn: (message: string) => void;

  constructor(params: Readonly<Record<string, ParamValue>>, options: FixedTrialOptions = {}) {
    if (typeof params !== "object" || params === null)
      throw new InvalidOptionError({
        op: "FixedTrial",
        option: "params",
        value: params,
        expected: "an object of parameter values",
      });
    this.#fixed = { ...params };
    this.number = options.number ?? 0;
    this.signal = options.signal;
    this.#warn = options.onWarning ?? ((m) => console.warn(m));
  }

  get params(): Readonly<Record<string, ParamValue>> {
    return { ...this.#params };
  }

  get distributions(): Readonly<Record<string, Distribution>> {
    return { ...this.#distributions };
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return { ...this.#userAttrs };
  }

  get intermediateValues(): Readonly<Record<number, number>> {
    return { ...this.#intermediate };
  }

  #suggest(name: string, d: Distribution): ParamValue {
    if (!Object.hasOwn(this.#fixed, name))
      throw new InvalidOptionError({
        op: "FixedTrial",
        option: `params.${name}`,
        value: undefined,
        expected: `a value for the parameter '${name}' the objective suggests`,
      });
    const value = this.#fixed[name]!;
    const internal = toInternal(d, value);
    if (internal === undefined)
      throw new InvalidOptionError({
        op: "FixedTrial",
        option: `params.${name}`,
        value,
        expected: `a value of ${JSON.stringify(d)}`,
      });
    if (!contains(d, internal))
      this.#warn(
        `FixedTrial: ${JSON.stringify(value)} lies outside the range of '${name}' (${JSON.stringify(d)}); it is used anyway`,
      );
    Object.defineProperty(this.#params, name, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    Object.defineProperty(this.#distributions, name, {
      value: d,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    return value;
  }

  suggestFloat(name: string, low: number, high: number, options: SuggestOptions = {}): number {
    checkName("suggestFloat", "name", name);
    return this.#suggest(
      name,
      floatDistribution(`suggestFloat('${name}')`, low, high, options),
    ) as number;
  }

  suggestInt(name: string, low: number, high: number, options: SuggestOptions = {}): number {
    checkName("suggestInt", "name", name);
    return this.#suggest(
      name,
      intDistribution(`suggestInt('${name}')`, low, high, options),
    ) as number;
  }

  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    checkName("suggestCategorical", "name", name);
    return this.#suggest(
      name,
      categoricalDistribution(`suggestCategorical('${name}')`, choices),
    ) as T;
  }

  report(value: number, step: number): void {
    checkNumber("report", "value", value);
    checkStep("report", step);
    if (!(step in this.#intermediate)) this.#intermediate[step] = value;
  }

  shouldPrune(): boolean {
    return false;
  }

  setUserAttr(key: string, value: JsonValue): void {
    checkName("setUserAttr", "key", key);
    this.#userAttrs[key] = checkJson("setUserAttr", key, value);
  }

  async flush(): Promise<void> {}
}

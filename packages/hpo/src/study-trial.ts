// The trial an objective gets from `study.optimize`: synchronous define-by-run calls whose
// records go to the storage in order behind the scenes.

import { InvalidOptionError } from "@backprop/errors";
import type { Rng } from "@backprop/random";
import {
  categoricalDistribution,
  contains,
  floatDistribution,
  incompatibility,
  intDistribution,
  isSingle,
  sameDistribution,
  toExternal,
  toInternal,
} from "./distributions.js";
import type {
  CategoricalChoice,
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
  Pruner,
  Sampler,
  SamplerContext,
  Storage,
  StudyView,
  SuggestOptions,
  Trial,
} from "./types.js";
import { checkJson, checkName, checkNumber, checkStep } from "./validate.js";

/** What a study gives the trial it runs. */
export interface StudyTrialInit {
  readonly storage: Storage;
  readonly studyId: number;
  /** The trial as the storage has it when it starts (RUNNING). */
  readonly start: FrozenTrial;
  /** The study's other trials when it starts. */
  readonly study: StudyView;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly rng: Rng;
  readonly signal: AbortSignal | undefined;
  readonly warn: (message: string) => void;
}

function define<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
}

export class StudyTrial implements Trial {
  readonly number: number;
  readonly trialId: number;
  readonly signal: AbortSignal | undefined;
  readonly #init: StudyTrialInit;
  #study: StudyView;
  readonly #params: Record<string, number> = {};
  readonly #distributions: Record<string, Distribution> = {};
  readonly #userAttrs: Record<string, JsonValue>;
  readonly #systemAttrs: Record<string, JsonValue>;
  readonly #intermediate: Record<number, number>;
  readonly #fixed: Readonly<Record<string, ParamValue>> | undefined;
  #view: FrozenTrial | undefined;
  #queue: Promise<void> = Promise.resolve();
  #failure: { error: unknown } | undefined;

  constructor(init: StudyTrialInit) {
    this.#init = init;
    this.number = init.start.number;
    this.trialId = init.start.trialId;
    this.signal = init.signal;
    this.#study = init.study;
    this.#userAttrs = { ...init.start.userAttrs };
    this.#systemAttrs = { ...init.start.systemAttrs };
    this.#intermediate = { ...init.start.intermediateValues };
    const fixed = init.start.systemAttrs.fixed_params;
    this.#fixed =
      typeof fixed === "object" && fixed !== null && !Array.isArray(fixed)
        ? (fixed as Record<string, ParamValue>)
        : undefined;
  }

  /** Queues a storage write; the first failure is kept and rethrown by `flush`. */
  #enqueue(write: (storage: Storage) => Promise<unknown>): void {
    this.#queue = this.#queue.then(async () => {
      if (this.#failure !== undefined) return;
      try {
        await write(this.#init.storage);
      } catch (error) {
        this.#failure = { error };
      }
    });
  }

  async flush(): Promise<void> {
    await this.#queue;
    if (this.#failure !== undefined) throw this.#failure.error;
  }

  /** The trial as it stands (RUNNING), in the shape the storage reports. */
  view(): FrozenTrial {
    if (this.#view !== undefined) return this.#view;
    const params: Record<string, ParamValue> = {};
    for (const [name, internal] of Object.entries(this.#params))
      define(params, name, toExternal(this.#distributions[name]!, internal));
    this.#view = Object.freeze({
      ...this.#init.start,
      state: "RUNNING" as const,
      params: Object.freeze(params),
      distributions: Object.freeze({ ...this.#distributions }),
      userAttrs: Object.freeze({ ...this.#userAttrs }),
      systemAttrs: Object.freeze({ ...this.#systemAttrs }),
      intermediateValues: Object.freeze({ ...this.#intermediate }),
    });
    return this.#view;
  }

  get params(): Readonly<Record<string, ParamValue>> {
    return this.view().params;
  }

  get distributions(): Readonly<Record<string, Distribution>> {
    return this.view().distributions;
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.view().userAttrs;
  }

  get intermediateValues(): Readonly<Record<number, number>> {
    return this.view().intermediateValues;
  }

  setSystemAttr(key: string, value: JsonValue): void {
    define(this.#systemAttrs, key, value);
    this.#view = undefined;
    this.#enqueue((s) => s.setTrialSystemAttr(this.trialId, key, value));
  }

  samplerContext(): SamplerContext {
    return {
      study: this.#study,
      trial: this.view(),
      rng: this.#init.rng,
      setTrialSystemAttr: (key, value) => this.setSystemAttr(key, value),
      warn: this.#init.warn,
    };
  }

  #suggest(op: string, name: string, d: Distribution): ParamValue {
    const existing = this.#distributions[name];
    if (existing !== undefined) {
      if (!sameDistribution(existing, d))
        throw new InvalidOptionError({
          op,
          option: "name",
          value: name,
          expected: `the same distribution as earlier in this trial (${JSON.stringify(existing)})`,
        });
      return toExternal(existing, this.#params[name]!);
    }
    for (const t of this.#study.trials) {
      const previous = t.distributions[name];
      if (previous === undefined) continue;
      const why = incompatibility(previous, d);
      if (why !== undefined)
        throw new InvalidOptionError({
          op,
          option: "name",
          value: name,
          expected: `a parameter compatible with trial ${t.number}'s: ${why}`,
        });
      break;
    }
    let internal: number;
    if (this.#fixed !== undefined && Object.hasOwn(this.#fixed, name)) {
      const value = this.#fixed[name]!;
      const fixed = toInternal(d, value);
      if (fixed === undefined)
        throw new InvalidOptionError({
          op,
          option: `enqueued value of '${name}'`,
          value,
          expected: `a value of ${JSON.stringify(d)}`,
        });
      if (!contains(d, fixed))
        this.#init.warn(
          `Trial ${this.number}: the enqueued ${JSON.stringify(value)} lies outside the range of '${name}' (${JSON.stringify(d)}); it is used anyway`,
        );
      internal = fixed;
    } else if (isSingle(d)) {
      internal = d.type === "categorical" ? 0 : d.low;
    } else {
      internal = this.#init.sampler.sample(this.samplerContext(), name, d);
    }
    define(this.#params, name, internal);
    define(this.#distributions, name, d);
    this.#view = undefined;
    this.#enqueue((s) => s.setTrialParam(this.trialId, name, internal, d));
    return toExternal(d, internal);
  }

  suggestFloat(name: string, low: number, high: number, options: SuggestOptions = {}): number {
    checkName("suggestFloat", "name", name);
    const op = `suggestFloat('${name}')`;
    return this.#suggest(op, name, floatDistribution(op, low, high, options)) as number;
  }

  suggestInt(name: string, low: number, high: number, options: SuggestOptions = {}): number {
    checkName("suggestInt", "name", name);
    const op = `suggestInt('${name}')`;
    return this.#suggest(op, name, intDistribution(op, low, high, options)) as number;
  }

  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    checkName("suggestCategorical", "name", name);
    const op = `suggestCategorical('${name}')`;
    return this.#suggest(op, name, categoricalDistribution(op, choices)) as T;
  }

  report(value: number, step: number): void {
    checkNumber("report", "value", value);
    checkStep("report", step);
    if (step in this.#intermediate) {
      this.#init.warn(
        `Trial ${this.number}: step ${step} was reported already; the value ${value} is ignored`,
      );
      return;
    }
    this.#intermediate[step] = value;
    this.#view = undefined;
    const { studyId } = this.#init;
    this.#enqueue(async (s) => {
      await s.setTrialIntermediateValue(this.trialId, step, value);
      // See what other workers did meanwhile, for the next pruning decisions.
      const trials = await s.getAllTrials(studyId);
      this.#study = {
        direction: this.#study.direction,
        trials: trials.filter((t) => t.trialId !== this.trialId),
      };
    });
  }

  shouldPrune(): boolean {
    return this.#init.pruner.prune({
      study: this.#study,
      trial: this.view(),
      setTrialSystemAttr: (key, value) => this.setSystemAttr(key, value),
    });
  }

  setUserAttr(key: string, value: JsonValue): void {
    checkName("setUserAttr", "key", key);
    const checked = checkJson("setUserAttr", key, value);
    define(this.#userAttrs, key, checked);
    this.#view = undefined;
    this.#enqueue((s) => s.setTrialUserAttr(this.trialId, key, checked));
  }
}

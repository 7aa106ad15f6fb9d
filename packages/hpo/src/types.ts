import type { Rng } from "@backprop/random";

/**
 * A value that survives a trip through JSON: what user and system attributes may hold.
 *
 * @example
 * ```ts
 * import type { JsonValue } from "@backprop/hpo";
 * const note: JsonValue = { dataset: "mnist", epochs: [1, 2, 3], shuffled: true };
 * console.log(JSON.stringify(note)); // {"dataset":"mnist","epochs":[1,2,3],"shuffled":true}
 * ```
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * The life of a trial, as in Optuna: `WAITING` (enqueued, not started), `RUNNING`, and the three
 * finished states `COMPLETE`, `PRUNED` and `FAIL`. In a journal file they are the numbers 4, 0,
 * 1, 2 and 3.
 *
 * @example
 * ```ts
 * import type { TrialState } from "@backprop/hpo";
 * const finished: TrialState[] = ["COMPLETE", "PRUNED", "FAIL"];
 * console.log(finished.includes("RUNNING")); // false
 * ```
 */
export type TrialState = "RUNNING" | "COMPLETE" | "PRUNED" | "FAIL" | "WAITING";

/**
 * Whether the objective is to be made small or large.
 *
 * @example
 * ```ts
 * import type { StudyDirection } from "@backprop/hpo";
 * const direction: StudyDirection = "maximize"; // validation accuracy
 * console.log(direction); // maximize
 * ```
 */
export type StudyDirection = "minimize" | "maximize";

/**
 * A value `suggestCategorical` may choose from (the types Optuna stores).
 *
 * @example
 * ```ts
 * import type { CategoricalChoice } from "@backprop/hpo";
 * const choices: CategoricalChoice[] = ["relu", "tanh", 0.5, true, null];
 * console.log(choices.length); // 5
 * ```
 */
export type CategoricalChoice = null | boolean | number | string;

/**
 * The value of a parameter as the objective sees it: a number for float and integer
 * parameters, the chosen value for categorical ones.
 *
 * @example
 * ```ts
 * import type { ParamValue } from "@backprop/hpo";
 * const params: Record<string, ParamValue> = { lr: 0.001, hidden: 100, activation: "relu" };
 * console.log(Object.keys(params).join(",")); // lr,hidden,activation
 * ```
 */
export type ParamValue = CategoricalChoice;

/**
 * A float parameter's range: [low, high], sampled uniformly or, with `log`, log-uniformly;
 * with a `step`, only `low + k·step` (then `high` is the last such point, as in Optuna).
 *
 * @example
 * ```ts
 * import type { FloatDistribution } from "@backprop/hpo";
 * const lr: FloatDistribution = { type: "float", low: 1e-6, high: 1e-2, log: true, step: null };
 * console.log(Math.log10(lr.high / lr.low)); // 4
 * ```
 */
export interface FloatDistribution {
  readonly type: "float";
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number | null;
}

/**
 * An integer parameter's range: `low, low + step, …, high` (high aligned down to the step
 * grid); with `log` (step 1 only), log-uniform.
 *
 * @example
 * ```ts
 * import type { IntDistribution } from "@backprop/hpo";
 * const hidden: IntDistribution = { type: "int", low: 50, high: 200, log: false, step: 50 };
 * console.log((hidden.high - hidden.low) / hidden.step + 1); // 4
 * ```
 */
export interface IntDistribution {
  readonly type: "int";
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

/**
 * A categorical parameter: one of `choices`. Storages keep the index of the choice (Optuna's
 * internal representation).
 *
 * @example
 * ```ts
 * import type { CategoricalDistribution } from "@backprop/hpo";
 * const activation: CategoricalDistribution = { type: "categorical", choices: ["relu", "tanh"] };
 * console.log(activation.choices.indexOf("tanh")); // 1
 * ```
 */
export interface CategoricalDistribution {
  readonly type: "categorical";
  readonly choices: readonly CategoricalChoice[];
}

/**
 * The distribution a parameter was suggested from (Optuna's FloatDistribution, IntDistribution
 * and CategoricalDistribution).
 *
 * @example
 * ```ts
 * import { FixedTrial, type Distribution } from "@backprop/hpo";
 * const trial = new FixedTrial({ lr: 0.01 });
 * trial.suggestFloat("lr", 1e-4, 1, { log: true });
 * const d: Distribution = trial.distributions.lr!;
 * console.log(d.type, d.type === "float" && d.log); // float true
 * ```
 */
export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/**
 * A trial as recorded: its number in the study, state, value, parameters with their
 * distributions, attributes and intermediate values. Plain, frozen data.
 *
 * @example
 * ```ts
 * import { createStudy, type FrozenTrial } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "frozen", direction: "minimize", seed: 1 });
 * await study.optimize((trial) => trial.suggestFloat("x", -1, 1) ** 2, { nTrials: 3 });
 * const first: FrozenTrial = study.trials[0]!;
 * console.log(first.number, first.state, Object.keys(first.params)); // 0 COMPLETE [ 'x' ]
 * ```
 */
export interface FrozenTrial {
  /** 0, 1, 2, … in the order the study created its trials. */
  readonly number: number;
  /** The storage's id (unique across the studies of one storage). */
  readonly trialId: number;
  readonly state: TrialState;
  /** The objective's value (`values[0]`), if the trial has one. */
  readonly value: number | undefined;
  readonly values: readonly number[] | undefined;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  /** Attributes set by samplers, pruners and the study (Optuna keeps ones it does not know). */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Reported values by step, in ascending step order. */
  readonly intermediateValues: Readonly<Record<number, number>>;
  readonly datetimeStart: Date | undefined;
  readonly datetimeComplete: Date | undefined;
}

/**
 * A study as a storage keeps it.
 *
 * @example
 * ```ts
 * import { inMemoryStorage, type StudySummary } from "@backprop/hpo";
 * const storage = inMemoryStorage();
 * await storage.createStudy("a", ["minimize"]);
 * const [summary]: StudySummary[] = await storage.getAllStudies();
 * console.log(summary!.studyName, summary!.directions); // a [ 'minimize' ]
 * ```
 */
export interface StudySummary {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

/**
 * What a new trial starts with when it is not a plain RUNNING trial: an enqueued trial is
 * `{ state: "WAITING", systemAttrs: { fixed_params: … } }` (as Optuna writes it).
 *
 * @example
 * ```ts
 * import { inMemoryStorage, type TrialTemplate } from "@backprop/hpo";
 * const storage = inMemoryStorage();
 * const studyId = await storage.createStudy("t", ["minimize"]);
 * const template: TrialTemplate = { state: "WAITING", systemAttrs: { fixed_params: { x: 1 } } };
 * const { number } = await storage.createTrial(studyId, template);
 * console.log(number, (await storage.getAllTrials(studyId))[0]!.state); // 0 WAITING
 * ```
 */
export interface TrialTemplate {
  readonly state: TrialState;
  readonly values?: readonly number[];
  /** External values; each needs its distribution. */
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly distributions?: Readonly<Record<string, Distribution>>;
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  readonly intermediateValues?: Readonly<Record<number, number>>;
}

/**
 * Where studies live. Every operation is async, so the same study code runs on memory, on a
 * journal file and on a database. The shape follows Optuna's `BaseStorage`, so a
 * storage that speaks Optuna's schema can be written on it: trial ids are unique in the
 * storage, trial numbers count within a study, parameter values are in their internal form
 * (floats; a categorical's index), and claiming a WAITING trial is
 * `setTrialStateValues(id, "RUNNING")` returning whether this caller won it.
 *
 * Implementations: {@link inMemoryStorage}, {@link JournalStorage} (over a
 * {@link JournalFileBackend} for `journal:` URLs) and {@link PostgresStorage} (Optuna's RDB
 * schema, for `postgres://` URLs). Pick one by URL with {@link openStorage}.
 *
 * @example
 * ```ts
 * import { openStorage, type Storage } from "@backprop/hpo";
 * const storage: Storage = await openStorage("memory:");
 * const studyId = await storage.createStudy("s", ["maximize"]);
 * const { trialId } = await storage.createTrial(studyId);
 * await storage.setTrialParam(trialId, "x", 0.5, { type: "float", low: 0, high: 1, log: false, step: null });
 * await storage.setTrialStateValues(trialId, "COMPLETE", [0.9]);
 * const [trial] = await storage.getAllTrials(studyId);
 * console.log(trial!.state, trial!.value, trial!.params); // COMPLETE 0.9 { x: 0.5 }
 * ```
 */
export interface Storage {
  /** Where the storage is, for messages (`"memory:"`, `"journal:./study.jsonl"`). */
  readonly url: string;
  /** Creates a study; a `DuplicatedStudyError` when the name is taken. Returns its id. */
  createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number>;
  deleteStudy(studyId: number): Promise<void>;
  /** The id of the study with this name, or undefined. */
  getStudyIdFromName(studyName: string): Promise<number | undefined>;
  getStudy(studyId: number): Promise<StudySummary>;
  getAllStudies(): Promise<StudySummary[]>;
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  /** A new trial, RUNNING unless the template says otherwise. */
  createTrial(
    studyId: number,
    template?: TrialTemplate,
  ): Promise<{ readonly trialId: number; readonly number: number }>;
  /** Records a parameter in its internal form (`float`; a categorical's index). */
  setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void>;
  /**
   * Moves a trial to `state`. For `"RUNNING"` (claiming a WAITING trial) it resolves to whether
   * this caller won; a trial another worker claimed first gives false.
   */
  setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<boolean>;
  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void>;
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  getTrial(trialId: number): Promise<FrozenTrial>;
  /** The study's trials in number order, optionally only those in `states`. */
  getAllTrials(
    studyId: number,
    options?: { readonly states?: readonly TrialState[] },
  ): Promise<FrozenTrial[]>;
  /** Releases what the storage holds (connections); the journal and memory hold nothing. */
  close(): Promise<void>;
  /**
   * Optional: claims the study's oldest WAITING trial in one step and returns its id (a
   * database does it with `FOR UPDATE SKIP LOCKED`). Without it the study tries
   * `setTrialStateValues(id, "RUNNING")` on each WAITING trial in turn.
   */
  claimWaitingTrial?(studyId: number): Promise<number | undefined>;
  /**
   * Optional: records that a RUNNING trial is alive where the storage keeps heartbeats (the
   * PostgreSQL storage: Optuna's `trial_heartbeats`). Without it the study writes the system
   * attribute `backprop:heartbeat`.
   */
  recordHeartbeat?(trialId: number): Promise<void>;
  /**
   * Optional: the URL another process opens this same storage with (credentials included,
   * unlike `url`); worker processes use it. Default: `url`.
   */
  workerUrl?(): string;
  /** Optional, with `recordHeartbeat`: RUNNING trials whose heartbeat is older than `gracePeriod` seconds. */
  staleTrialIds?(studyId: number, gracePeriod: number): Promise<number[]>;
}

/**
 * What samplers and pruners see of the study: its direction and its trials (a snapshot,
 * without the trial being sampled).
 *
 * @example
 * ```ts
 * import type { StudyView } from "@backprop/hpo";
 * const view: StudyView = { direction: "minimize", trials: [] };
 * console.log(view.trials.length); // 0
 * ```
 */
export interface StudyView {
  readonly direction: StudyDirection;
  readonly trials: readonly FrozenTrial[];
}

/**
 * What a sampler is given for one trial.
 *
 * @example
 * ```ts
 * import { createStudy, type Sampler, type SamplerContext } from "@backprop/hpo";
 * const seen: number[] = [];
 * const lowest: Sampler = {
 *   name: "lowest",
 *   sample: (context: SamplerContext, _name, distribution) => {
 *     seen.push(context.trial.number);
 *     return distribution.type === "categorical" ? 0 : distribution.low;
 *   },
 * };
 * const study = await createStudy({ studyName: "ctx", direction: "minimize", seed: 0, sampler: lowest });
 * await study.optimize((t) => t.suggestFloat("x", 2, 3), { nTrials: 2 });
 * console.log(seen, study.bestValue); // [ 0, 1 ] 2
 * ```
 */
export interface SamplerContext {
  readonly study: StudyView;
  /** The trial being sampled, as far as it has got (params suggested so far). */
  readonly trial: FrozenTrial;
  /** The trial's own generator: `deriveRng(studySeed, "trial", trial.number)`. */
  readonly rng: Rng;
  /** Records a system attribute of the trial (e.g. the grid sampler's `grid_id`). */
  setTrialSystemAttr(key: string, value: JsonValue): void;
  /** Reports something the user should know (the study's `onWarning`). */
  warn(message: string): void;
}

/**
 * Chooses parameter values. `sample` returns the internal value (the number itself; a
 * categorical's index). A sampler keeps no random state of its own: it draws from
 * `context.rng`, so a trial's parameters depend only on the study seed, the trial number and
 * the trials it is shown.
 *
 * @example
 * ```ts
 * import { createStudy, type Sampler } from "@backprop/hpo";
 * const middle: Sampler = {
 *   name: "middle",
 *   sample: (_context, _name, d) => (d.type === "categorical" ? 0 : (d.low + d.high) / 2),
 * };
 * const study = await createStudy({ studyName: "mid", direction: "minimize", seed: 0, sampler: middle });
 * await study.optimize((t) => t.suggestFloat("x", 0, 10), { nTrials: 1 });
 * console.log(study.bestParams); // { x: 5 }
 * ```
 */
export interface Sampler {
  readonly name: string;
  /**
   * The options it was made with, as JSON — what worker processes (`optimize({ workers })`)
   * make it again from, with the factory of this `name`. Built-in samplers set it; without it
   * a sampler cannot be used with worker processes.
   */
  readonly options?: JsonValue | undefined;
  /** Called when a trial starts, before any suggestion. */
  beforeTrial?(context: SamplerContext): void;
  sample(context: SamplerContext, name: string, distribution: Distribution): number;
  /**
   * Called after a trial finished and was recorded, with the study's trials including it;
   * returning true stops the study (the grid sampler does when the grid is exhausted).
   */
  afterTrial?(study: StudyView, trial: FrozenTrial): boolean;
}

/**
 * What a pruner is given: the study snapshot, the trial with its intermediate values, and a
 * way to record system attributes (successive halving records the rungs a trial passed).
 *
 * @example
 * ```ts
 * import type { PrunerContext } from "@backprop/hpo";
 * function lastValue(context: PrunerContext): number | undefined {
 *   const steps = Object.keys(context.trial.intermediateValues).map(Number);
 *   return steps.length === 0 ? undefined : context.trial.intermediateValues[Math.max(...steps)];
 * }
 * console.log(typeof lastValue); // function
 * ```
 */
export interface PrunerContext {
  readonly study: StudyView;
  readonly trial: FrozenTrial;
  setTrialSystemAttr(key: string, value: JsonValue): void;
}

/**
 * Decides whether a running trial should stop early, from the values it reported.
 *
 * @example
 * ```ts
 * import { createStudy, TrialPruned, type Pruner } from "@backprop/hpo";
 * const belowHalf: Pruner = {
 *   name: "belowHalf",
 *   prune: ({ trial }) => Object.values(trial.intermediateValues).some((v) => v < 0.5),
 * };
 * const study = await createStudy({ studyName: "p", direction: "maximize", seed: 0, pruner: belowHalf });
 * await study.optimize(async (trial) => {
 *   trial.report(0.4, 1);
 *   if (trial.shouldPrune()) throw new TrialPruned();
 *   return 1;
 * }, { nTrials: 1 });
 * console.log(study.trials[0]!.state, study.trials[0]!.value); // PRUNED 0.4
 * ```
 */
export interface Pruner {
  readonly name: string;
  /** The options it was made with, as JSON (see {@link Sampler.options}). */
  readonly options?: JsonValue | undefined;
  prune(context: PrunerContext): boolean;
}

/**
 * Options of `suggestFloat` and `suggestInt`.
 *
 * @example
 * ```ts
 * import { FixedTrial, type SuggestOptions } from "@backprop/hpo";
 * const logScale: SuggestOptions = { log: true };
 * console.log(new FixedTrial({ lr: 0.001 }).suggestFloat("lr", 1e-6, 1e-2, logScale)); // 0.001
 * ```
 */
export interface SuggestOptions {
  /** Sample log-uniformly (low > 0; for integers low ≥ 1 and step 1). Default false. */
  readonly log?: boolean;
  /** Only `low + k·step` (floats: not with `log`). Default: none for floats, 1 for integers. */
  readonly step?: number;
}

/**
 * The objective's handle on one trial: define-by-run suggestions, intermediate reports,
 * pruning decisions and attributes. All calls are synchronous; what they record is written to
 * the storage in order behind the scenes (`flush()` waits for it; the study flushes before
 * recording the trial's end).
 *
 * @example
 * ```ts
 * import { createStudy, type Trial } from "@backprop/hpo";
 * async function objective(trial: Trial): Promise<number> {
 *   const x = trial.suggestFloat("x", -10, 10);
 *   const kind = trial.suggestCategorical("kind", ["square", "abs"]);
 *   trial.setUserAttr("kind", kind);
 *   return kind === "square" ? x * x : Math.abs(x);
 * }
 * const study = await createStudy({ studyName: "trial", direction: "minimize", seed: 3 });
 * await study.optimize(objective, { nTrials: 20 });
 * console.log(study.bestValue < 1); // true
 * ```
 */
export interface Trial {
  /** 0, 1, 2, … within the study. */
  readonly number: number;
  /** Parameters suggested so far (external values). */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly intermediateValues: Readonly<Record<number, number>>;
  /** The `signal` given to `optimize` (pass it on to long work such as `fit`). */
  readonly signal: AbortSignal | undefined;
  /** A float in [low, high]; the same name twice in one trial gives the same value. */
  suggestFloat(name: string, low: number, high: number, options?: SuggestOptions): number;
  /** An integer in [low, high] on the step grid. */
  suggestInt(name: string, low: number, high: number, options?: SuggestOptions): number;
  /** One of `choices` (stored by index). */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T;
  /** Records an intermediate value (e.g. validation accuracy after an epoch); step ≥ 0. */
  report(value: number, step: number): void;
  /** Whether the study's pruner says this trial should stop now (then throw `TrialPruned`). */
  shouldPrune(): boolean;
  setUserAttr(key: string, value: JsonValue): void;
  /** Resolves when everything recorded so far is in the storage. */
  flush(): Promise<void>;
}

/**
 * An objective: any function of a trial that returns (a promise of) the value to minimize or
 * maximize. Throwing `TrialPruned` ends the trial PRUNED; any other error, or a NaN, ends it
 * FAIL with the reason recorded.
 *
 * @example
 * ```ts
 * import type { Objective } from "@backprop/hpo";
 * const sphere: Objective = (trial) => trial.suggestFloat("x", -1, 1) ** 2 + trial.suggestFloat("y", -1, 1) ** 2;
 * console.log(typeof sphere); // function
 * ```
 */
export type Objective = (trial: Trial) => number | Promise<number>;

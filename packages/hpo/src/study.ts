import { formatValue, InvalidOptionError } from "@backprop/errors";
import { deriveRng } from "@backprop/random";
import { categoricalDistribution } from "./distributions.js";
import { loadObjective } from "./load-objective.js";
import { NoCompletedTrialsError } from "./no-completed-trials-error.js";
import { StorageError } from "./storage-error.js";
import { StudyTrial } from "./study-trial.js";
import { TrialFailedError } from "./trial-failed-error.js";
import { TrialPruned } from "./trial-pruned.js";
import type {
  FrozenTrial,
  JsonValue,
  Objective,
  ParamValue,
  Pruner,
  Sampler,
  Storage,
  StudyDirection,
  StudyView,
  TrialState,
} from "./types.js";
import { checkJson, checkName } from "./validate.js";
import { optimizeWithWorkers } from "./worker-pool.js";

/** The system attribute where a running trial's heartbeat goes (an ISO date, UTC). */
export const HEARTBEAT_KEY = "backprop:heartbeat";
/** The study system attribute that records the study seed. */
export const SEED_KEY = "backprop:seed";

/**
 * Called after every trial of `optimize`, in order; may call `study.stop()`.
 *
 * @example
 * ```ts
 * import { createStudy, type OptimizeCallback } from "@backprop/hpo";
 * const stopAtZero: OptimizeCallback = (study, trial) => {
 *   if (trial.value === 0) study.stop();
 * };
 * const study = await createStudy({ studyName: "cb", direction: "minimize", seed: 0 });
 * const result = await study.optimize((t) => t.suggestInt("x", 0, 1), { nTrials: 50, callbacks: [stopAtZero] });
 * console.log(result.stopReason, study.bestValue); // stopped 0
 * ```
 */
export type OptimizeCallback = (study: Study, trial: FrozenTrial) => void | Promise<void>;

/**
 * Options of {@link Study.optimize}.
 *
 * @example
 * ```ts
 * import { createStudy, type OptimizeOptions } from "@backprop/hpo";
 * const controller = new AbortController();
 * const options: OptimizeOptions = { nTrials: 100, timeout: 3600, signal: controller.signal };
 * const study = await createStudy({ studyName: "opts", direction: "minimize", seed: 0 });
 * controller.abort();
 * console.log((await study.optimize((t) => t.suggestFloat("x", 0, 1), options)).stopReason); // aborted
 * ```
 */
export interface OptimizeOptions {
  /** Trials to run in this call (enqueued ones included). Default: no limit. */
  readonly nTrials?: number;
  /** Seconds after which no new trial starts (a running one finishes), as Optuna. */
  readonly timeout?: number;
  /**
   * Stops starting trials when aborted; the objective sees it as `trial.signal`. A trial that
   * is still running when the signal fires is recorded FAIL ("aborted"), whatever it returns.
   */
  readonly signal?: AbortSignal;
  readonly callbacks?: readonly OptimizeCallback[];
  /**
   * Worker processes (default 1: trials run in this process). With more, the objective must be
   * a module path (an ES module whose default export is the async objective, or that exports
   * `createObjective(args)`): N child processes each load the study and the module, the parent
   * grants them one trial at a time out of `nTrials`, and every trial goes through the storage
   * (`journal:` or `postgres://`, not memory). The sampler and pruner must be built-in ones
   * (made again in each worker from their name and options).
   */
  readonly workers?: number;
  /** Passed to the objective module's `createObjective(args)` (module objectives only). */
  readonly objectiveArgs?: JsonValue;
  /** Extra `node` flags for worker processes (`--import tsx` is added for `.ts` modules). */
  readonly workerExecArgv?: readonly string[];
  /**
   * Seconds without a heartbeat after which a worker's RUNNING trial is failed (default twice
   * the heartbeat interval, as Optuna). Worker processes beat every `heartbeatInterval`
   * seconds (default 5).
   */
  readonly gracePeriod?: number;
  /** Worker processes: add a WAITING copy of each trial failed for a stale heartbeat (see `failStaleTrials`). */
  readonly reenqueueStale?: boolean;
  /** Called whenever a trial starts or ends: trials done, running and failed, the best so far. */
  readonly onProgress?: (progress: OptimizeProgress) => void;
  /** Called when a trial has started (it is RUNNING in the storage), before the objective runs. */
  readonly onTrialStart?: (trial: FrozenTrial) => void;
  /** Reject with a `TrialFailedError` at the first FAIL instead of going on. Default false. */
  readonly stopOnFail?: boolean;
  /**
   * Seconds between heartbeats of a running trial (system attribute `backprop:heartbeat`), for
   * `failStaleTrials`. Default: none.
   */
  readonly heartbeatInterval?: number;
}

/**
 * Progress of {@link Study.optimize}, for `onProgress`: trials of this call that have ended
 * (`done` = `complete` + `pruned` + `failed`), trials running now, live worker processes, and
 * the study's best COMPLETE trial so far.
 *
 * @example
 * ```ts
 * import { createStudy, type OptimizeProgress } from "@backprop/hpo";
 * const seen: OptimizeProgress[] = [];
 * const study = await createStudy({ studyName: "progress", direction: "minimize", seed: 0 });
 * await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 3, onProgress: (p) => void seen.push(p) });
 * const last = seen.at(-1)!;
 * console.log(last.done, last.running, last.failed, last.best!.value === study.bestValue); // 3 0 0 true
 * ```
 */
export interface OptimizeProgress {
  readonly done: number;
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  readonly running: number;
  readonly workers: number;
  readonly best?: {
    readonly number: number;
    readonly value: number;
    readonly params: Readonly<Record<string, ParamValue>>;
  };
}

/**
 * What {@link Study.optimize} returns: the trials it ran and why it stopped — `completed`
 * (`nTrials` reached), `timeout`, `aborted` (the signal), `stopped` (`study.stop()`) or
 * `exhausted` (the sampler has nothing left, e.g. a finished grid).
 *
 * @example
 * ```ts
 * import { createStudy, type OptimizeResult } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "res", direction: "minimize", seed: 0 });
 * const result: OptimizeResult = await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 4 });
 * console.log(result.stopReason, result.trials.length); // completed 4
 * ```
 */
export interface OptimizeResult {
  readonly trials: readonly FrozenTrial[];
  readonly stopReason: "completed" | "timeout" | "aborted" | "stopped" | "exhausted";
}

/**
 * Options of {@link Study.enqueueTrial}.
 *
 * @example
 * ```ts
 * import { createStudy, type EnqueueTrialOptions } from "@backprop/hpo";
 * const options: EnqueueTrialOptions = { userAttrs: { source: "paper" }, skipIfExists: true };
 * const study = await createStudy({ studyName: "enq", direction: "minimize", seed: 0 });
 * await study.enqueueTrial({ x: 0.5 }, options);
 * await study.enqueueTrial({ x: 0.5 }, options);
 * console.log(study.trials.length, study.trials[0]!.state); // 1 WAITING
 * ```
 */
export interface EnqueueTrialOptions {
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  /** Do nothing when a trial with these parameters exists (waiting, running or finished). */
  readonly skipIfExists?: boolean;
}

/**
 * Options of {@link Study.failStaleTrials}.
 *
 * @example
 * ```ts
 * import { createStudy, type FailStaleTrialsOptions } from "@backprop/hpo";
 * const options: FailStaleTrialsOptions = { gracePeriod: 120 };
 * const study = await createStudy({ studyName: "stale", direction: "minimize", seed: 0 });
 * console.log(await study.failStaleTrials(options)); // []
 * ```
 */
export interface FailStaleTrialsOptions {
  /** Seconds without a heartbeat after which a RUNNING trial counts as dead. */
  readonly gracePeriod: number;
  /**
   * Also add a WAITING copy of each failed trial (its parameters as `fixed_params`, the
   * system attributes `failed_trial` and `retry_history` as Optuna's RetryFailedTrialCallback
   * writes them), so the next worker runs it again. Default false.
   */
  readonly reenqueue?: boolean;
}

/** What a study is made of (see `createStudy` / `loadStudy`). */
export interface StudyInit {
  readonly storage: Storage;
  readonly studyId: number;
  readonly studyName: string;
  readonly direction: StudyDirection;
  readonly seed: number;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly warn: (message: string) => void;
}

function better(direction: StudyDirection, a: number, b: number): boolean {
  return direction === "minimize" ? a < b : a > b;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `threw ${formatValue(error)}`;
}

/**
 * A study: the trials of one search, in a storage, with the sampler and pruner that drive it
 * (Optuna's Study). Make one with {@link createStudy} or {@link loadStudy}.
 *
 * `trials`, `bestTrial`, `bestValue`, `bestParams`, `topK`, `userAttrs` and `systemAttrs` read
 * the state as of the last sync with the storage — after `createStudy`/`loadStudy`, after each
 * trial `optimize` runs, after every write through the study, and on `refresh()` (other
 * processes may have added trials since).
 *
 * @example
 * ```ts
 * import { createStudy } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "quadratic", direction: "minimize", seed: 11 });
 * await study.optimize((trial) => (trial.suggestFloat("x", -10, 10) - 2) ** 2, { nTrials: 40 });
 * console.log(study.trials.length, Math.abs((study.bestParams.x as number) - 2) < 0.5); // 40 true
 * console.log(study.topK(3).map((t) => t.value).every((v, i, a) => i === 0 || a[i - 1]! <= v!)); // true
 * ```
 */
export class Study {
  readonly storage: Storage;
  readonly studyId: number;
  readonly studyName: string;
  readonly direction: StudyDirection;
  readonly seed: number;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly #warn: (message: string) => void;
  #trials: readonly FrozenTrial[] = [];
  #userAttrs: Readonly<Record<string, JsonValue>> = {};
  #systemAttrs: Readonly<Record<string, JsonValue>> = {};
  #stopRequested = false;

  /** Use {@link createStudy} or {@link loadStudy}. */
  constructor(init: StudyInit) {
    this.storage = init.storage;
    this.studyId = init.studyId;
    this.studyName = init.studyName;
    this.direction = init.direction;
    this.seed = init.seed;
    this.sampler = init.sampler;
    this.pruner = init.pruner;
    this.#warn = init.warn;
  }

  /** Reads the study's trials and attributes from the storage again. */
  async refresh(): Promise<void> {
    const summary = await this.storage.getStudy(this.studyId);
    this.#userAttrs = summary.userAttrs;
    this.#systemAttrs = summary.systemAttrs;
    this.#trials = Object.freeze(await this.storage.getAllTrials(this.studyId));
  }

  /** Every trial, in number order (as of the last sync). */
  get trials(): readonly FrozenTrial[] {
    return this.#trials;
  }

  /** The trials in the given states. */
  getTrials(states: readonly TrialState[]): FrozenTrial[] {
    return this.#trials.filter((t) => states.includes(t.state));
  }

  /** The best COMPLETE trial (the first of equals); a `NoCompletedTrialsError` if none. */
  get bestTrial(): FrozenTrial {
    const best = this.topK(1)[0];
    if (best === undefined) throw new NoCompletedTrialsError({ studyName: this.studyName });
    return best;
  }

  get bestValue(): number {
    return this.bestTrial.value!;
  }

  get bestParams(): Readonly<Record<string, ParamValue>> {
    return this.bestTrial.params;
  }

  /** The `k` best COMPLETE trials, best first (ties in number order). */
  topK(k: number): FrozenTrial[] {
    if (!Number.isSafeInteger(k) || k < 0)
      throw new InvalidOptionError({
        op: "topK",
        option: "k",
        value: k,
        expected: "an integer >= 0",
      });
    return this.#trials
      .filter((t) => t.state === "COMPLETE" && t.value !== undefined && !Number.isNaN(t.value))
      .sort((a, b) =>
        better(this.direction, a.value!, b.value!)
          ? -1
          : better(this.direction, b.value!, a.value!)
            ? 1
            : a.number - b.number,
      )
      .slice(0, k);
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.#userAttrs;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.#systemAttrs;
  }

  async setUserAttr(key: string, value: JsonValue): Promise<void> {
    checkName("setUserAttr", "key", key);
    await this.storage.setStudyUserAttr(this.studyId, key, checkJson("setUserAttr", key, value));
    await this.refresh();
  }

  async setSystemAttr(key: string, value: JsonValue): Promise<void> {
    checkName("setSystemAttr", "key", key);
    await this.storage.setStudySystemAttr(
      this.studyId,
      key,
      checkJson("setSystemAttr", key, value),
    );
    await this.refresh();
  }

  /**
   * Adds a WAITING trial with fixed parameters (Optuna's `enqueue_trial`): the next trial
   * `optimize` starts takes it, and its `suggest*` calls return these values.
   */
  async enqueueTrial(
    params: Readonly<Record<string, ParamValue>>,
    options: EnqueueTrialOptions = {},
  ): Promise<void> {
    if (typeof params !== "object" || params === null || Array.isArray(params))
      throw new InvalidOptionError({
        op: "enqueueTrial",
        option: "params",
        value: params,
        expected: "an object of parameter values",
      });
    for (const [name, value] of Object.entries(params)) {
      checkName("enqueueTrial", "params", name);
      categoricalDistribution(`enqueueTrial('${name}')`, [value]);
    }
    const userAttrs = checkJson("enqueueTrial", "userAttrs", options.userAttrs ?? {});
    if (options.skipIfExists === true) {
      await this.refresh();
      const same = (p: unknown) =>
        typeof p === "object" &&
        p !== null &&
        Object.keys(p).length === Object.keys(params).length &&
        Object.entries(params).every(([k, v]) => (p as Record<string, unknown>)[k] === v);
      if (this.#trials.some((t) => same(t.params) || same(t.systemAttrs.fixed_params))) return;
    }
    await this.storage.createTrial(this.studyId, {
      state: "WAITING",
      userAttrs: userAttrs as Record<string, JsonValue>,
      systemAttrs: { fixed_params: { ...params } },
    });
    await this.refresh();
  }

  /** Ends the running `optimize` after its current trial. */
  stop(): void {
    this.#stopRequested = true;
  }

  /** Whether `stop()` was called during the running `optimize`. */
  get stopRequested(): boolean {
    return this.#stopRequested;
  }

  /** Reports a warning through the study's `onWarning`. */
  warn(message: string): void {
    this.#warn(message);
  }

  /**
   * Marks RUNNING trials whose heartbeat (`optimize({ heartbeatInterval })`) is older than
   * `gracePeriod` seconds FAIL, with the reason in the system attribute `fail_reason`. Returns
   * their numbers. Trials without a heartbeat are left alone.
   */
  async failStaleTrials(options: FailStaleTrialsOptions): Promise<number[]> {
    const grace = options.gracePeriod;
    if (!(typeof grace === "number" && grace >= 0))
      throw new InvalidOptionError({
        op: "failStaleTrials",
        option: "gracePeriod",
        value: grace,
        expected: "a number of seconds >= 0",
      });
    const failed: number[] = [];
    const running = await this.storage.getAllTrials(this.studyId, { states: ["RUNNING"] });
    const stale: Array<{ trial: FrozenTrial; reason: string }> = [];
    if (this.storage.staleTrialIds !== undefined) {
      const ids = new Set(await this.storage.staleTrialIds(this.studyId, grace));
      for (const t of running)
        if (ids.has(t.trialId))
          stale.push({
            trial: t,
            reason: `no heartbeat in trial_heartbeats for more than ${grace} s`,
          });
    } else {
      for (const t of running) {
        const beat = t.systemAttrs[HEARTBEAT_KEY];
        if (typeof beat !== "string") continue;
        const age = (Date.now() - Date.parse(beat)) / 1000;
        if (age > grace) stale.push({ trial: t, reason: `no heartbeat for ${age.toFixed(1)} s` });
      }
    }
    for (const { trial: t, reason } of stale) {
      try {
        await this.storage.setTrialSystemAttr(t.trialId, "fail_reason", reason);
        await this.storage.setTrialStateValues(t.trialId, "FAIL");
        failed.push(t.number);
      } catch (e) {
        if (!StorageError.isInstance(e)) throw e; // it finished meanwhile
        continue;
      }
      if (options.reenqueue === true) {
        const history = t.systemAttrs.retry_history;
        await this.storage.createTrial(this.studyId, {
          state: "WAITING",
          userAttrs: t.userAttrs,
          systemAttrs: {
            fixed_params: { ...t.params },
            failed_trial: t.number,
            retry_history: [...(Array.isArray(history) ? history : []), t.number],
          },
        });
      }
    }
    await this.refresh();
    return failed;
  }

  /**
   * Runs trials: each takes a WAITING trial or creates one, calls the objective with it, and
   * records how it ended — COMPLETE with the returned value, PRUNED (the objective threw
   * `TrialPruned`; the last reported value is kept), or FAIL with the reason in the system
   * attribute `fail_reason` (the objective threw, returned NaN or not a number, or the signal
   * fired). A failed trial does not stop the study unless `stopOnFail` is set.
   */
  async optimize(
    objective: Objective | string | URL,
    options: OptimizeOptions = {},
  ): Promise<OptimizeResult> {
    const op = "optimize";
    const module = objective instanceof URL ? objective.href : objective;
    if (typeof module !== "function" && typeof module !== "string")
      throw new InvalidOptionError({
        op,
        option: "objective",
        value: objective,
        expected: "a function of a trial, or the path of a module whose default export is one",
      });
    const { nTrials, timeout, signal, heartbeatInterval } = options;
    if (nTrials !== undefined && !(Number.isSafeInteger(nTrials) && nTrials >= 0))
      throw new InvalidOptionError({
        op,
        option: "nTrials",
        value: nTrials,
        expected: "an integer >= 0",
      });
    if (timeout !== undefined && !(typeof timeout === "number" && timeout >= 0))
      throw new InvalidOptionError({
        op,
        option: "timeout",
        value: timeout,
        expected: "a number of seconds >= 0",
      });
    const workers = options.workers ?? 1;
    if (!(Number.isSafeInteger(workers) && workers >= 1))
      throw new InvalidOptionError({
        op,
        option: "workers",
        value: options.workers,
        expected: "an integer >= 1",
      });
    if (workers > 1 && typeof module !== "string")
      throw new InvalidOptionError({
        op,
        option: "objective",
        value: "a function",
        expected: `the path of an ES module whose default export is the objective (workers: ${workers} runs it in worker processes)`,
      });
    if (options.gracePeriod !== undefined && !(options.gracePeriod > 0))
      throw new InvalidOptionError({
        op,
        option: "gracePeriod",
        value: options.gracePeriod,
        expected: "a number of seconds > 0",
      });
    if (
      heartbeatInterval !== undefined &&
      !(typeof heartbeatInterval === "number" && heartbeatInterval > 0)
    )
      throw new InvalidOptionError({
        op,
        option: "heartbeatInterval",
        value: heartbeatInterval,
        expected: "a number of seconds > 0",
      });
    if (workers > 1) {
      this.#stopRequested = false;
      try {
        return await optimizeWithWorkers(this, module as string, options);
      } finally {
        this.#stopRequested = false;
      }
    }
    const run: Objective =
      typeof module === "function" ? module : await loadObjective(module, options.objectiveArgs);
    const started = Date.now();
    const ran: FrozenTrial[] = [];
    const counts = { done: 0, complete: 0, pruned: 0, failed: 0 };
    const progress = (running: number) => {
      const best = this.topK(1)[0];
      options.onProgress?.({
        ...counts,
        running,
        workers: 1,
        ...(best === undefined
          ? {}
          : { best: { number: best.number, value: best.value!, params: best.params } }),
      });
    };
    this.#stopRequested = false;
    let stopReason: OptimizeResult["stopReason"];
    for (;;) {
      if (signal?.aborted) {
        stopReason = "aborted";
        break;
      }
      if (nTrials !== undefined && ran.length >= nTrials) {
        stopReason = "completed";
        break;
      }
      if (timeout !== undefined && (Date.now() - started) / 1000 >= timeout) {
        stopReason = "timeout";
        break;
      }
      if (this.#stopRequested) {
        stopReason = "stopped";
        break;
      }
      const { trial, failure } = await this.#runTrial(run, signal, heartbeatInterval, (t) => {
        options.onTrialStart?.(t);
        progress(1);
      });
      ran.push(trial);
      await this.refresh();
      counts.done++;
      if (trial.state === "COMPLETE") counts.complete++;
      else if (trial.state === "PRUNED") counts.pruned++;
      else counts.failed++;
      progress(0);
      const exhausted =
        this.sampler.afterTrial?.({ direction: this.direction, trials: this.#trials }, trial) ??
        false;
      for (const callback of options.callbacks ?? []) await callback(this, trial);
      if (failure !== undefined && options.stopOnFail === true)
        throw new TrialFailedError({
          studyName: this.studyName,
          trialNumber: trial.number,
          reason: failure.reason,
          cause: failure.error,
        });
      if (exhausted && !this.#stopRequested) {
        stopReason = "exhausted";
        break;
      }
    }
    this.#stopRequested = false;
    return { trials: ran, stopReason };
  }

  async #startTrial(): Promise<FrozenTrial> {
    if (this.storage.claimWaitingTrial !== undefined) {
      const claimed = await this.storage.claimWaitingTrial(this.studyId);
      if (claimed !== undefined) return this.storage.getTrial(claimed);
      const { trialId } = await this.storage.createTrial(this.studyId);
      return this.storage.getTrial(trialId);
    }
    for (const waiting of await this.storage.getAllTrials(this.studyId, { states: ["WAITING"] }))
      if (await this.storage.setTrialStateValues(waiting.trialId, "RUNNING"))
        return this.storage.getTrial(waiting.trialId);
    const { trialId } = await this.storage.createTrial(this.studyId);
    return this.storage.getTrial(trialId);
  }

  async #runTrial(
    objective: Objective,
    signal: AbortSignal | undefined,
    heartbeatInterval: number | undefined,
    onStart: (trial: FrozenTrial) => void,
  ): Promise<{ trial: FrozenTrial; failure?: { reason: string; error?: unknown } }> {
    const start = await this.#startTrial();
    onStart(start);
    const others = (await this.storage.getAllTrials(this.studyId)).filter(
      (t) => t.trialId !== start.trialId,
    );
    const view: StudyView = { direction: this.direction, trials: others };
    const trial = new StudyTrial({
      storage: this.storage,
      studyId: this.studyId,
      start,
      study: view,
      sampler: this.sampler,
      pruner: this.pruner,
      rng: deriveRng(this.seed, "trial", start.number),
      signal,
      warn: this.#warn,
    });
    let timer: ReturnType<typeof setInterval> | undefined;
    if (heartbeatInterval !== undefined) {
      const storage = this.storage;
      const beat =
        storage.recordHeartbeat === undefined
          ? () => trial.setSystemAttr(HEARTBEAT_KEY, new Date().toISOString())
          : () => void storage.recordHeartbeat!(trial.trialId).catch(() => undefined);
      beat();
      timer = setInterval(beat, heartbeatInterval * 1000);
      timer.unref?.();
    }
    let state: TrialState;
    let values: number[] | undefined;
    let failure: { reason: string; error?: unknown } | undefined;
    try {
      this.sampler.beforeTrial?.(trial.samplerContext());
      const result: unknown = await objective(trial);
      if (signal?.aborted) failure = { reason: "aborted by the signal before the trial ended" };
      else if (typeof result !== "number")
        failure = { reason: `the objective returned ${formatValue(result)}, not a number` };
      else if (Number.isNaN(result)) failure = { reason: "the objective returned NaN" };
      else values = [result];
      state = failure === undefined ? "COMPLETE" : "FAIL";
    } catch (error) {
      if (TrialPruned.isInstance(error) && !signal?.aborted) {
        state = "PRUNED";
        const steps = Object.keys(trial.intermediateValues).map(Number);
        const last = steps.length === 0 ? undefined : trial.intermediateValues[Math.max(...steps)];
        if (last !== undefined && !Number.isNaN(last)) values = [last];
      } else {
        state = "FAIL";
        failure = {
          reason: signal?.aborted
            ? "aborted by the signal before the trial ended"
            : reasonOf(error),
          error,
        };
      }
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
    // Another process may have failed this trial meanwhile (its heartbeat looked stale): then
    // its end is recorded already, and this run's result is lost, with a warning.
    const endedElsewhere = async (error: unknown) => {
      if (!StorageError.isInstance(error)) return undefined;
      const stored = await this.storage.getTrial(trial.trialId).catch(() => undefined);
      if (
        stored === undefined ||
        !(stored.state === "FAIL" || stored.state === "COMPLETE" || stored.state === "PRUNED")
      )
        return undefined;
      this.#warn(
        `Trial ${trial.number} was ended ${stored.state} by another process while it ran (${String(stored.systemAttrs.fail_reason ?? "no reason recorded")}); its result is not recorded`,
      );
      return { trial: stored, failure: { reason: "ended by another process while it ran" } };
    };
    try {
      await trial.flush();
    } catch (storageError) {
      const elsewhere = await endedElsewhere(storageError);
      if (elsewhere !== undefined) return elsewhere;
      // The trial's records did not all reach the storage: end it FAIL if possible, then stop.
      await this.storage.setTrialStateValues(trial.trialId, "FAIL").catch(() => undefined);
      throw storageError;
    }
    try {
      if (failure !== undefined)
        await this.storage.setTrialSystemAttr(trial.trialId, "fail_reason", failure.reason);
      await this.storage.setTrialStateValues(trial.trialId, state, values);
    } catch (storageError) {
      const elsewhere = await endedElsewhere(storageError);
      if (elsewhere !== undefined) return elsewhere;
      throw storageError;
    }
    if (failure !== undefined) this.#warn(`Trial ${trial.number} failed: ${failure.reason}`);
    return {
      trial: await this.storage.getTrial(trial.trialId),
      ...(failure === undefined ? {} : { failure }),
    };
  }
}

import { distributionToJson, toInternal } from "./distributions.js";
import { DuplicatedStudyError } from "./duplicated-study-error.js";
import type { JournalBackend, JournalNotice } from "./journal-backend.js";
import { formatOptunaDatetime } from "./journal-datetime.js";
import {
  DIRECTION_CODE,
  isFinished,
  JournalReplay,
  OP,
  type OwnOutcome,
  STATE_CODE,
} from "./journal-replay.js";
import { PyFloat, parseJsonLine, pyDumps } from "./python-json.js";
import { StorageError } from "./storage-error.js";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  Storage,
  StudyDirection,
  StudySummary,
  TrialState,
  TrialTemplate,
} from "./types.js";

/**
 * A problem found while replaying a journal — a line that is not JSON, not a record, or torn —
 * named by file and line. The line is skipped; the rest of the journal still loads.
 *
 * @example
 * ```ts
 * import type { JournalWarning } from "@backprop/hpo";
 * const w: JournalWarning = { file: "study.jsonl", line: 3, reason: "not JSON", message: "study.jsonl line 3: not JSON; skipped" };
 * console.log(w.message); // study.jsonl line 3: not JSON; skipped
 * ```
 */
export interface JournalWarning {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly message: string;
}

/**
 * Options of {@link JournalStorage}.
 *
 * @example
 * ```ts
 * import { inMemoryStorage, type JournalStorageOptions } from "@backprop/hpo";
 * const quiet: JournalStorageOptions = { onWarning: () => {} };
 * console.log(inMemoryStorage(quiet).url); // memory:
 * ```
 */
export interface JournalStorageOptions {
  /** Called with every replay warning (default: `console.warn` of its message). */
  readonly onWarning?: (warning: JournalWarning) => void;
  /**
   * This writer's `worker_id` in the records (default: a random UUID and a counter, like
   * Optuna's uuid4 and thread id). Two storages must never share one.
   */
  readonly workerId?: string;
}

let workerCounter: number | undefined;

function newWorkerId(): string {
  workerCounter = (workerCounter ?? 0) + 1;
  return `${globalThis.crypto.randomUUID()}-${workerCounter}`;
}

/**
 * Optuna's JournalStorage: every operation is one JSON record appended to a journal (op codes
 * 0–9, Optuna's fields, Python's JSON formatting), and the state is the replay of all records
 * in order — so several processes, Python Optuna among them, can share one journal. The replay
 * follows Optuna's rules (a duplicate study name, a write to a finished trial and a second
 * claim of a WAITING trial are ignored) and tolerates what Optuna would choke on: a line that
 * is not JSON or not a record is skipped with a {@link JournalWarning} naming its line.
 *
 * Operations of one storage object run one at a time, each reading what other writers
 * appended since the last one.
 *
 * @example
 * ```ts
 * import { JournalFileBackend, JournalStorage, createStudy } from "@backprop/hpo";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const path = join(mkdtempSync(join(tmpdir(), "hpo-")), "study.jsonl");
 * const storage = new JournalStorage(new JournalFileBackend(path));
 * const study = await createStudy({ storage, studyName: "j", direction: "minimize", seed: 1 });
 * await study.optimize((t) => t.suggestInt("n", 0, 9), { nTrials: 3 });
 * console.log(storage.url.startsWith("journal:"), study.trials.length); // true 3
 * ```
 */
export class JournalStorage implements Storage {
  readonly url: string;
  readonly backend: JournalBackend;
  /** This writer's `worker_id`. */
  readonly workerId: string;
  /** Every warning of the replay so far. */
  readonly warnings: JournalWarning[] = [];
  readonly #replay: JournalReplay;
  readonly #onWarning: (warning: JournalWarning) => void;
  #cursor = 0;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #reportedIncomplete = new Set<number>();
  #reads = 0;
  #pending: { line: number; bytes: number; since: number } | undefined;

  constructor(backend: JournalBackend, options: JournalStorageOptions = {}) {
    this.backend = backend;
    this.url = backend.url;
    this.workerId = options.workerId ?? newWorkerId();
    this.#replay = new JournalReplay(this.workerId);
    this.#onWarning = options.onWarning ?? ((w) => console.warn(w.message));
  }

  /** Runs `fn` after every earlier operation of this storage has finished. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #warn(line: number, reason: string, skipped = true): void {
    const file = this.url.replace(/^journal:/, "");
    const warning: JournalWarning = {
      file,
      line,
      reason,
      message: `${file} line ${line}: ${reason}${skipped ? "; skipped" : ""}`,
    };
    this.warnings.push(warning);
    this.#onWarning(warning);
  }

  async #sync(): Promise<void> {
    const { lines, cursor, incomplete } = await this.backend.read(this.#cursor);
    this.#cursor = cursor;
    for (const entry of lines) {
      if ("error" in entry) {
        this.#warn(entry.line, entry.error);
        continue;
      }
      if (entry.text.trim() === "") continue;
      const parsed = parseJsonLine(entry.text);
      if (!parsed.ok) {
        this.#warn(entry.line, `not JSON (${parsed.reason})`);
        continue;
      }
      if (parsed.protoKeys > 0)
        this.#warn(entry.line, `${parsed.protoKeys} '__proto__' key(s) dropped`, false);
      try {
        this.#replay.apply(parsed.value);
      } catch (e) {
        this.#warn(entry.line, (e as Error).message);
      }
    }
    // A line without its end is usually another process's write in progress, complete a moment
    // later: warn when it was there before this storage's first read (a crash left it), or
    // when it is still there, unchanged, a second or more after it was first seen.
    const first = this.#reads++ === 0;
    const torn =
      incomplete !== undefined &&
      (first ||
        (this.#pending?.line === incomplete.line &&
          this.#pending.bytes === incomplete.bytes &&
          Date.now() - this.#pending.since >= 1000));
    if (incomplete === undefined) this.#pending = undefined;
    else if (this.#pending?.line !== incomplete.line || this.#pending.bytes !== incomplete.bytes)
      this.#pending = { line: incomplete.line, bytes: incomplete.bytes, since: Date.now() };
    if (incomplete !== undefined && torn && !this.#reportedIncomplete.has(incomplete.line)) {
      this.#reportedIncomplete.add(incomplete.line);
      this.#warn(
        incomplete.line,
        `the last line has no line end (${incomplete.bytes} bytes: a write in progress, or torn by a crash); ignored until it is complete`,
        false,
      );
    }
  }

  #notices(notices: readonly JournalNotice[] | undefined): void {
    for (const n of notices ?? []) this.#warn(n.line, n.reason, false);
  }

  /** Appends one record and replays up to it; returns what became of it. */
  async #write(operation: string, record: Record<string, unknown>): Promise<OwnOutcome> {
    const line = pyDumps({ op_code: record.op_code, worker_id: this.workerId, ...record });
    this.#replay.lastOwn = undefined;
    this.#notices(await this.backend.append([line]));
    await this.#sync();
    const outcome = this.#replay.lastOwn as OwnOutcome | undefined;
    if (outcome === undefined)
      throw new StorageError({
        storage: this.url,
        operation,
        reason: "the record just written was not found when the journal was read back",
      });
    return outcome;
  }

  #fail(operation: string, reason: string): never {
    throw new StorageError({ storage: this.url, operation, reason });
  }

  #ensureApplied(operation: string, outcome: OwnOutcome): void {
    if (!outcome.applied) this.#fail(operation, outcome.reason ?? "the record was ignored");
  }

  #study(operation: string, studyId: number): StudySummary {
    return this.#replay.study(studyId) ?? this.#fail(operation, `no study with id ${studyId}`);
  }

  #trial(operation: string, trialId: number): FrozenTrial {
    return this.#replay.trial(trialId) ?? this.#fail(operation, `no trial with id ${trialId}`);
  }

  createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    return this.#exclusive(async () => {
      await this.#sync();
      if (this.#replay.studyIdOf(studyName) !== undefined)
        throw new DuplicatedStudyError({ storage: this.url, studyName });
      const outcome = await this.#write("createStudy", {
        op_code: OP.CREATE_STUDY,
        study_name: studyName,
        directions: directions.map((d) => DIRECTION_CODE[d]),
      });
      if (!outcome.applied) throw new DuplicatedStudyError({ storage: this.url, studyName });
      return outcome.studyId!;
    });
  }

  deleteStudy(studyId: number): Promise<void> {
    return this.#exclusive(async () => {
      await this.#sync();
      this.#study("deleteStudy", studyId);
      this.#ensureApplied(
        "deleteStudy",
        await this.#write("deleteStudy", { op_code: OP.DELETE_STUDY, study_id: studyId }),
      );
    });
  }

  getStudyIdFromName(studyName: string): Promise<number | undefined> {
    return this.#exclusive(async () => {
      await this.#sync();
      return this.#replay.studyIdOf(studyName);
    });
  }

  getStudy(studyId: number): Promise<StudySummary> {
    return this.#exclusive(async () => {
      await this.#sync();
      return this.#study("getStudy", studyId);
    });
  }

  getAllStudies(): Promise<StudySummary[]> {
    return this.#exclusive(async () => {
      await this.#sync();
      return this.#replay.studies();
    });
  }

  #setStudyAttr(kind: "user" | "system", studyId: number, key: string, value: JsonValue) {
    const operation = kind === "user" ? "setStudyUserAttr" : "setStudySystemAttr";
    return this.#exclusive(async () => {
      await this.#sync();
      this.#study(operation, studyId);
      const outcome = await this.#write(operation, {
        op_code: kind === "user" ? OP.SET_STUDY_USER_ATTR : OP.SET_STUDY_SYSTEM_ATTR,
        study_id: studyId,
        [`${kind}_attr`]: { [key]: value },
      });
      this.#ensureApplied(operation, outcome);
    });
  }

  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setStudyAttr("user", studyId, key, value);
  }

  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setStudyAttr("system", studyId, key, value);
  }

  createTrial(
    studyId: number,
    template?: TrialTemplate,
  ): Promise<{ readonly trialId: number; readonly number: number }> {
    return this.#exclusive(async () => {
      await this.#sync();
      this.#study("createTrial", studyId);
      const now = formatOptunaDatetime(new Date());
      const record: Record<string, unknown> = {
        op_code: OP.CREATE_TRIAL,
        study_id: studyId,
        datetime_start: now,
      };
      if (template !== undefined) {
        const distributions = template.distributions ?? {};
        const params: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(template.params ?? {})) {
          const d = distributions[name];
          const internal = d === undefined ? undefined : toInternal(d, value);
          if (d === undefined || internal === undefined)
            this.#fail(
              "createTrial",
              `param '${name}' has no distribution that holds ${JSON.stringify(value)}`,
            );
          params[name] = d.type === "categorical" ? internal : new PyFloat(internal);
        }
        const values = template.values?.map((v) => new PyFloat(v));
        Object.assign(record, {
          state: STATE_CODE[template.state],
          value: values !== undefined && values.length === 1 ? values[0] : null,
          values: values !== undefined && values.length > 1 ? values : null,
          datetime_start: template.state === "WAITING" ? null : now,
          ...(isFinished(template.state) ? { datetime_complete: now } : {}),
          distributions: Object.fromEntries(
            Object.entries(distributions).map(([k, d]) => [k, distributionToJson(d)]),
          ),
          params,
          user_attrs: template.userAttrs ?? {},
          system_attrs: template.systemAttrs ?? {},
          intermediate_values: Object.fromEntries(
            Object.entries(template.intermediateValues ?? {}).map(([k, v]) => [k, new PyFloat(v)]),
          ),
        });
      }
      const outcome = await this.#write("createTrial", record);
      this.#ensureApplied("createTrial", outcome);
      return { trialId: outcome.trialId!, number: this.#replay.trial(outcome.trialId!)!.number };
    });
  }

  setTrialParam(
    trialId: number,
    name: string,
    internalValue: number,
    distribution: Distribution,
  ): Promise<void> {
    return this.#exclusive(async () => {
      const outcome = await this.#write("setTrialParam", {
        op_code: OP.SET_TRIAL_PARAM,
        trial_id: trialId,
        param_name: name,
        param_value_internal:
          distribution.type === "categorical" ? internalValue : new PyFloat(internalValue),
        distribution: distributionToJson(distribution),
      });
      this.#ensureApplied("setTrialParam", outcome);
    });
  }

  setTrialStateValues(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<boolean> {
    return this.#exclusive(async () => {
      const now = formatOptunaDatetime(new Date());
      const outcome = await this.#write("setTrialStateValues", {
        op_code: OP.SET_TRIAL_STATE_VALUES,
        trial_id: trialId,
        state: STATE_CODE[state],
        values: values === undefined ? null : values.map((v) => new PyFloat(v)),
        ...(state === "RUNNING" ? { datetime_start: now } : {}),
        ...(isFinished(state) ? { datetime_complete: now } : {}),
      });
      // A claim someone else won (or a trial someone else finished) is a lost race, not an error.
      if (state === "RUNNING" && outcome.reason !== "no such trial") return outcome.applied;
      this.#ensureApplied("setTrialStateValues", outcome);
      return true;
    });
  }

  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    return this.#exclusive(async () => {
      const outcome = await this.#write("setTrialIntermediateValue", {
        op_code: OP.SET_TRIAL_INTERMEDIATE_VALUE,
        trial_id: trialId,
        step,
        intermediate_value: new PyFloat(value),
      });
      this.#ensureApplied("setTrialIntermediateValue", outcome);
    });
  }

  #setTrialAttr(kind: "user" | "system", trialId: number, key: string, value: JsonValue) {
    const operation = kind === "user" ? "setTrialUserAttr" : "setTrialSystemAttr";
    return this.#exclusive(async () => {
      const outcome = await this.#write(operation, {
        op_code: kind === "user" ? OP.SET_TRIAL_USER_ATTR : OP.SET_TRIAL_SYSTEM_ATTR,
        trial_id: trialId,
        [`${kind}_attr`]: { [key]: value },
      });
      this.#ensureApplied(operation, outcome);
    });
  }

  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setTrialAttr("user", trialId, key, value);
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    return this.#setTrialAttr("system", trialId, key, value);
  }

  getTrial(trialId: number): Promise<FrozenTrial> {
    return this.#exclusive(async () => {
      await this.#sync();
      return this.#trial("getTrial", trialId);
    });
  }

  getAllTrials(
    studyId: number,
    options: { readonly states?: readonly TrialState[] } = {},
  ): Promise<FrozenTrial[]> {
    return this.#exclusive(async () => {
      await this.#sync();
      const trials =
        this.#replay.trials(studyId) ?? this.#fail("getAllTrials", `no study with id ${studyId}`);
      const { states } = options;
      return states === undefined ? trials : trials.filter((t) => states.includes(t.state));
    });
  }

  async close(): Promise<void> {
    await this.#exclusive(async () => undefined);
  }
}

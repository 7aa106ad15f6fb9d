// The state a journal describes: Optuna's JournalStorageReplayResult, rule for rule (which
// records apply, which are ignored), with every record checked first — a record of the wrong
// shape is skipped with a reason instead of stopping the replay.
import { distributionFromJson, incompatibility, toExternal } from "./distributions.js";
import { parseOptunaDatetime } from "./journal-datetime.js";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  StudyDirection,
  StudySummary,
  TrialState,
} from "./types.js";

/** Optuna's journal op codes. */
export const OP = {
  CREATE_STUDY: 0,
  DELETE_STUDY: 1,
  SET_STUDY_USER_ATTR: 2,
  SET_STUDY_SYSTEM_ATTR: 3,
  CREATE_TRIAL: 4,
  SET_TRIAL_PARAM: 5,
  SET_TRIAL_STATE_VALUES: 6,
  SET_TRIAL_INTERMEDIATE_VALUE: 7,
  SET_TRIAL_USER_ATTR: 8,
  SET_TRIAL_SYSTEM_ATTR: 9,
} as const;

/** Optuna's TrialState numbers, by our names. */
export const STATE_CODE: Readonly<Record<TrialState, number>> = {
  RUNNING: 0,
  COMPLETE: 1,
  PRUNED: 2,
  FAIL: 3,
  WAITING: 4,
};

const STATES: readonly TrialState[] = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"];

/** Optuna's StudyDirection numbers (0 is NOT_SET, which a study to optimize cannot have). */
export const DIRECTION_CODE: Readonly<Record<StudyDirection, number>> = {
  minimize: 1,
  maximize: 2,
};

export function isFinished(state: TrialState): boolean {
  return state === "COMPLETE" || state === "PRUNED" || state === "FAIL";
}

interface ReplayStudy {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly userAttrs: Map<string, JsonValue>;
  readonly systemAttrs: Map<string, JsonValue>;
  readonly trialIds: number[];
}

/** A trial being built up (the journal replay's, and the PostgreSQL storage's rows). */
export interface ReplayTrial {
  readonly trialId: number;
  readonly number: number;
  readonly studyId: number;
  state: TrialState;
  values: number[] | null;
  readonly params: Map<string, number>;
  readonly distributions: Map<string, Distribution>;
  readonly userAttrs: Map<string, JsonValue>;
  readonly systemAttrs: Map<string, JsonValue>;
  readonly intermediate: Map<number, number>;
  datetimeStart: Date | null;
  datetimeComplete: Date | null;
  frozen: FrozenTrial | undefined;
}

/** What became of the last record this worker wrote. */
export interface OwnOutcome {
  readonly op: number;
  readonly applied: boolean;
  /** Why it was ignored (a duplicate study name, a finished trial, a claim someone else won). */
  readonly reason?: string;
  readonly studyId?: number;
  readonly trialId?: number;
}

class Invalid extends Error {}

function fail(reason: string): never {
  throw new Invalid(reason);
}

type Rec = Readonly<Record<string, unknown>>;

function int(r: Rec, key: string): number {
  const v = r[key];
  if (typeof v !== "number" || !Number.isSafeInteger(v))
    fail(`'${key}' is ${JSON.stringify(v) ?? "missing"}, not an integer`);
  return v;
}

function str(r: Rec, key: string): string {
  const v = r[key];
  if (typeof v !== "string") fail(`'${key}' is ${JSON.stringify(v) ?? "missing"}, not a string`);
  return v;
}

function obj(r: Rec, key: string): Rec {
  const v = r[key];
  if (typeof v !== "object" || v === null || Array.isArray(v))
    fail(`'${key}' is ${JSON.stringify(v) ?? "missing"}, not an object`);
  return v as Rec;
}

function singleEntry(r: Rec, key: string): [string, JsonValue] {
  const entries = Object.entries(obj(r, key));
  if (entries.length !== 1) fail(`'${key}' must hold exactly one attribute`);
  return entries[0] as [string, JsonValue];
}

function state(r: Rec, key: string, fallback?: TrialState): TrialState {
  if (fallback !== undefined && r[key] === undefined) return fallback;
  const code = int(r, key);
  const s = STATES[code];
  if (s === undefined) fail(`'${key}' is ${code}, not a trial state (0-4)`);
  return s;
}

function values(r: Rec, key: string): number[] | null {
  const v = r[key];
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "number"))
    fail(`'${key}' is ${JSON.stringify(v)}, not a list of numbers`);
  return [...(v as number[])];
}

function datetime(r: Rec, key: string): Date | null {
  const v = r[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") fail(`'${key}' is ${JSON.stringify(v)}, not a date`);
  const d = parseOptunaDatetime(v);
  if (d === undefined) fail(`'${key}' is ${JSON.stringify(v)}, not an ISO date`);
  return d;
}

function distribution(text: unknown, what: string): Distribution {
  if (typeof text !== "string") fail(`${what} is not a JSON string`);
  try {
    return distributionFromJson(text);
  } catch (e) {
    fail(`${what} is not a distribution: ${(e as Error).message}`);
  }
}

/** The replayed state of a journal. */
export class JournalReplay {
  readonly #workerId: string;
  readonly #studies = new Map<number, ReplayStudy>();
  readonly #trials: ReplayTrial[] = [];
  #nextStudyId = 0;
  /** The outcome of the last record of this worker that was replayed. */
  lastOwn: OwnOutcome | undefined;

  constructor(workerId: string) {
    this.#workerId = workerId;
  }

  /**
   * Applies one record. Throws an `Error` whose message says why when the record is malformed
   * (the caller skips it with a warning); rule-based ignores (Optuna's) are silent.
   */
  apply(record: unknown): void {
    if (typeof record !== "object" || record === null || Array.isArray(record))
      throw new Error("the line is not a JSON object");
    const r = record as Rec;
    try {
      const op = int(r, "op_code");
      const own = r.worker_id === this.#workerId;
      const outcome = this.#apply(op, r);
      if (own) this.lastOwn = { op, ...outcome };
    } catch (e) {
      if (e instanceof Invalid) throw new Error(e.message);
      throw e;
    }
  }

  #apply(op: number, r: Rec): Omit<OwnOutcome, "op"> {
    switch (op) {
      case OP.CREATE_STUDY:
        return this.#createStudy(r);
      case OP.DELETE_STUDY: {
        const studyId = int(r, "study_id");
        if (!this.#studies.delete(studyId)) return { applied: false, reason: "no such study" };
        return { applied: true, studyId };
      }
      case OP.SET_STUDY_USER_ATTR:
      case OP.SET_STUDY_SYSTEM_ATTR: {
        const studyId = int(r, "study_id");
        const user = op === OP.SET_STUDY_USER_ATTR;
        const [key, value] = singleEntry(r, user ? "user_attr" : "system_attr");
        const study = this.#studies.get(studyId);
        if (study === undefined) return { applied: false, reason: "no such study" };
        (user ? study.userAttrs : study.systemAttrs).set(key, value);
        return { applied: true, studyId };
      }
      case OP.CREATE_TRIAL:
        return this.#createTrial(r);
      case OP.SET_TRIAL_PARAM:
        return this.#setParam(r);
      case OP.SET_TRIAL_STATE_VALUES:
        return this.#setState(r);
      case OP.SET_TRIAL_INTERMEDIATE_VALUE: {
        const trial = this.#updatable(r);
        const step = int(r, "step");
        const value = r.intermediate_value;
        if (typeof value !== "number") fail("'intermediate_value' is not a number");
        if (typeof trial === "string") return { applied: false, reason: trial };
        trial.intermediate.set(step, value);
        trial.frozen = undefined;
        return { applied: true, trialId: trial.trialId };
      }
      case OP.SET_TRIAL_USER_ATTR:
      case OP.SET_TRIAL_SYSTEM_ATTR: {
        const trial = this.#updatable(r);
        const user = op === OP.SET_TRIAL_USER_ATTR;
        const [key, value] = singleEntry(r, user ? "user_attr" : "system_attr");
        if (typeof trial === "string") return { applied: false, reason: trial };
        (user ? trial.userAttrs : trial.systemAttrs).set(key, value);
        trial.frozen = undefined;
        return { applied: true, trialId: trial.trialId };
      }
      default:
        fail(`op_code ${op} is not one of Optuna's (0-9)`);
    }
  }

  #createStudy(r: Rec): Omit<OwnOutcome, "op"> {
    const studyName = str(r, "study_name");
    const codes = r.directions;
    if (!Array.isArray(codes) || codes.length === 0) fail("'directions' is not a non-empty list");
    const directions = codes.map((c): StudyDirection => {
      if (c === 1) return "minimize";
      if (c === 2) return "maximize";
      return fail(`direction ${JSON.stringify(c)} is not 1 (minimize) or 2 (maximize)`);
    });
    for (const s of this.#studies.values())
      if (s.studyName === studyName)
        return { applied: false, reason: "a study of that name exists", studyId: s.studyId };
    const studyId = this.#nextStudyId++;
    this.#studies.set(studyId, {
      studyId,
      studyName,
      directions,
      userAttrs: new Map(),
      systemAttrs: new Map(),
      trialIds: [],
    });
    return { applied: true, studyId };
  }

  #createTrial(r: Rec): Omit<OwnOutcome, "op"> {
    const studyId = int(r, "study_id");
    const s = state(r, "state", "RUNNING");
    const distributions = new Map<string, Distribution>();
    if (r.distributions !== undefined)
      for (const [k, v] of Object.entries(obj(r, "distributions")))
        distributions.set(k, distribution(v, `distribution of '${k}'`));
    const params = new Map<string, number>();
    if (r.params !== undefined)
      for (const [k, v] of Object.entries(obj(r, "params"))) {
        if (!distributions.has(k)) fail(`param '${k}' has no distribution`);
        if (typeof v !== "number") fail(`param '${k}' is not a number`);
        params.set(k, v);
      }
    const intermediate = new Map<number, number>();
    if (r.intermediate_values !== undefined)
      for (const [k, v] of Object.entries(obj(r, "intermediate_values"))) {
        if (!/^-?\d+$/.test(k) || typeof v !== "number")
          fail(`intermediate value ${JSON.stringify(k)}: ${JSON.stringify(v)} is not step: number`);
        intermediate.set(Number(k), v);
      }
    const userAttrs = new Map(
      Object.entries(r.user_attrs === undefined ? {} : obj(r, "user_attrs")) as [
        string,
        JsonValue,
      ][],
    );
    const systemAttrs = new Map(
      Object.entries(r.system_attrs === undefined ? {} : obj(r, "system_attrs")) as [
        string,
        JsonValue,
      ][],
    );
    let vals = values(r, "values");
    if (vals === null && typeof r.value === "number") vals = [r.value];
    const datetimeStart = datetime(r, "datetime_start");
    const datetimeComplete = datetime(r, "datetime_complete");
    const study = this.#studies.get(studyId);
    if (study === undefined) return { applied: false, reason: "no such study" };
    const trialId = this.#trials.length;
    this.#trials.push({
      trialId,
      number: study.trialIds.length,
      studyId,
      state: s,
      values: vals,
      params,
      distributions,
      userAttrs,
      systemAttrs,
      intermediate,
      datetimeStart,
      datetimeComplete,
      frozen: undefined,
    });
    study.trialIds.push(trialId);
    return { applied: true, studyId, trialId };
  }

  /** The trial a record addresses, or why it cannot be updated. */
  #updatable(r: Rec): ReplayTrial | string {
    const trialId = int(r, "trial_id");
    const trial = this.#trials[trialId];
    if (trial === undefined || !this.#studies.has(trial.studyId)) return "no such trial";
    if (isFinished(trial.state)) return `trial ${trial.number} has finished (${trial.state})`;
    return trial;
  }

  #setParam(r: Rec): Omit<OwnOutcome, "op"> {
    const trial = this.#updatable(r);
    const name = str(r, "param_name");
    const internal = r.param_value_internal;
    if (typeof internal !== "number") fail("'param_value_internal' is not a number");
    const d = distribution(r.distribution, "'distribution'");
    if (typeof trial === "string") return { applied: false, reason: trial };
    const study = this.#studies.get(trial.studyId)!;
    for (const id of study.trialIds) {
      const previous = this.#trials[id]!.distributions.get(name);
      if (previous !== undefined && this.#trials[id]!.params.has(name)) {
        const why = incompatibility(previous, d);
        if (why !== undefined)
          return { applied: false, reason: `'${name}': ${why}`, trialId: trial.trialId };
        break;
      }
    }
    trial.params.set(name, internal);
    trial.distributions.set(name, d);
    trial.frozen = undefined;
    return { applied: true, trialId: trial.trialId };
  }

  #setState(r: Rec): Omit<OwnOutcome, "op"> {
    const trial = this.#updatable(r);
    const s = state(r, "state");
    const vals = values(r, "values");
    const start = s === "RUNNING" ? datetime(r, "datetime_start") : null;
    const complete = isFinished(s) ? datetime(r, "datetime_complete") : null;
    if (typeof trial === "string") return { applied: false, reason: trial };
    if (s === "RUNNING" && trial.state === "RUNNING")
      return { applied: false, reason: "another worker claimed it first", trialId: trial.trialId };
    if (s === "RUNNING") trial.datetimeStart = start;
    if (isFinished(s)) trial.datetimeComplete = complete;
    trial.state = s;
    if (vals !== null) trial.values = vals;
    trial.frozen = undefined;
    return { applied: true, trialId: trial.trialId };
  }

  studyIdOf(name: string): number | undefined {
    for (const s of this.#studies.values()) if (s.studyName === name) return s.studyId;
    return undefined;
  }

  hasStudy(studyId: number): boolean {
    return this.#studies.has(studyId);
  }

  study(studyId: number): StudySummary | undefined {
    const s = this.#studies.get(studyId);
    if (s === undefined) return undefined;
    return Object.freeze({
      studyId: s.studyId,
      studyName: s.studyName,
      directions: Object.freeze([...s.directions]),
      userAttrs: frozenRecord(s.userAttrs),
      systemAttrs: frozenRecord(s.systemAttrs),
    });
  }

  studies(): StudySummary[] {
    return [...this.#studies.keys()].map((id) => this.study(id)!);
  }

  trial(trialId: number): FrozenTrial | undefined {
    const t = this.#trials[trialId];
    if (t === undefined || !this.#studies.has(t.studyId)) return undefined;
    t.frozen ??= freeze(t);
    return t.frozen;
  }

  trials(studyId: number): FrozenTrial[] | undefined {
    const s = this.#studies.get(studyId);
    return s?.trialIds.map((id) => this.trial(id)!);
  }
}

function clone(value: JsonValue): JsonValue {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(clone));
  return frozenRecord(new Map(Object.entries(value)));
}

export function frozenRecord(
  map: ReadonlyMap<string, JsonValue>,
): Readonly<Record<string, JsonValue>> {
  return Object.freeze(Object.fromEntries([...map].map(([k, v]) => [k, clone(v)])));
}

/** The frozen, plain-data form of a trial. */
export function freeze(t: ReplayTrial): FrozenTrial {
  const params: Record<string, ReturnType<typeof toExternal>> = {};
  const distributions: Record<string, Distribution> = {};
  for (const [name, internal] of t.params) {
    const d = t.distributions.get(name)!;
    Object.defineProperty(params, name, { value: toExternal(d, internal), enumerable: true });
    Object.defineProperty(distributions, name, { value: freezeDistribution(d), enumerable: true });
  }
  const intermediate: Record<number, number> = {};
  for (const step of [...t.intermediate.keys()].sort((a, b) => a - b))
    intermediate[step] = t.intermediate.get(step)!;
  return Object.freeze({
    number: t.number,
    trialId: t.trialId,
    state: t.state,
    value: t.values?.[0],
    values: t.values === null ? undefined : Object.freeze([...t.values]),
    params: Object.freeze(params),
    distributions: Object.freeze(distributions),
    userAttrs: frozenRecord(t.userAttrs),
    systemAttrs: frozenRecord(t.systemAttrs),
    intermediateValues: Object.freeze(intermediate),
    datetimeStart: t.datetimeStart ?? undefined,
    datetimeComplete: t.datetimeComplete ?? undefined,
  });
}

function freezeDistribution(d: Distribution): Distribution {
  return d.type === "categorical"
    ? Object.freeze({ ...d, choices: Object.freeze([...d.choices]) })
    : Object.freeze({ ...d });
}

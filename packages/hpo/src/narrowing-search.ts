import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidOptionError } from "@backprop/errors";
import { type ParamSpec, type SearchSpace, suggestParams } from "./search-space.js";
import type { OptimizeOptions, OptimizeResult, Study } from "./study.js";
import type { FrozenTrial, JsonValue, ParamValue, Trial } from "./types.js";

/** The study user attribute holding the history of a narrowing search. */
export const NARROWING_KEY = "narrowing";
/** The trial user attribute naming the stage a trial belongs to. */
export const STAGE_KEY = "narrowing_stage";

/**
 * Options of {@link narrowingSearch}.
 *
 * @example
 * ```ts
 * import type { NarrowingSearchOptions } from "@backprop/hpo";
 * const book: Omit<NarrowingSearchOptions, "study" | "objective"> = {
 *   space: {
 *     lr: { type: "float", low: 1e-6, high: 1e-2, log: true },
 *     weight_decay: { type: "float", low: 1e-8, high: 1e-4, log: true },
 *   },
 *   stages: 3,
 *   trialsPerStage: 100,
 *   topK: 20,
 * };
 * console.log(book.stages * book.trialsPerStage); // 300
 * ```
 */
export interface NarrowingSearchOptions {
  /** The study the trials go to (any storage, sampler and pruner). */
  readonly study: Study;
  /** The first stage's ranges. */
  readonly space: SearchSpace;
  /**
   * The objective, given the stage's suggested parameters (and the trial, to report or prune);
   * or the path of an objective module (see `loadObjective`) for worker processes
   * (`optimize: { workers }`): its `createObjective(args)` gets `{ ...objectiveArgs, space,
   * stage }` and must suggest the parameters in that stage's `space`.
   */
  readonly objective:
    | ((params: Readonly<Record<string, ParamValue>>, trial: Trial) => number | Promise<number>)
    | string;
  /** With a module objective: the arguments its `createObjective` gets besides `space` and `stage`. */
  readonly objectiveArgs?: JsonValue;
  readonly stages: number;
  readonly trialsPerStage: number;
  /** How many of a stage's best COMPLETE trials define the next stage's ranges. */
  readonly topK: number;
  /**
   * The top-k trials' span (on the log scale for log parameters) is widened by this fraction on
   * each side. Default 0.25.
   */
  readonly margin?: number;
  /** The next range is at least this fraction of the current one wide. Default 0.1. */
  readonly minWidth?: number;
  /**
   * `"clip"` (default): ranges stay inside the first stage's. `"move"`: when the best value lies
   * at a border, the next range reaches half a range beyond it and may leave the first stage's range.
   */
  readonly bounds?: "clip" | "move";
  /** "At a border" means within this fraction of the range from an end. Default 0.05. */
  readonly borderTolerance?: number;
  /** Passed to every stage's `study.optimize` (signal, timeout, callbacks, …). */
  readonly optimize?: Omit<OptimizeOptions, "nTrials">;
}

/**
 * One stage of a narrowing search, as recorded in the study (user attribute `narrowing`).
 *
 * @example
 * ```ts
 * import type { NarrowingStage } from "@backprop/hpo";
 * const stage: NarrowingStage = {
 *   stage: 1,
 *   space: { lr: { type: "float", low: 1e-6, high: 1e-2, log: true } },
 *   trials: 100,
 *   best: { number: 42, value: 0.93, params: { lr: 0.0012 } },
 *   warnings: [],
 *   done: true,
 * };
 * console.log(stage.space.lr!.type); // float
 * ```
 */
export interface NarrowingStage {
  /** 1, 2, … */
  readonly stage: number;
  /** The ranges this stage searched. */
  readonly space: SearchSpace;
  /** Trials run in this stage. */
  readonly trials: number;
  readonly best: {
    readonly number: number;
    readonly value: number;
    readonly params: Readonly<Record<string, ParamValue>>;
  } | null;
  /** Best values at a range border, and anything else worth knowing. */
  readonly warnings: readonly string[];
  /** Whether the stage ran all its trials. */
  readonly done: boolean;
}

/**
 * What {@link narrowingSearch} returns.
 *
 * @example
 * ```ts
 * import type { NarrowingResult } from "@backprop/hpo";
 * function summary(result: NarrowingResult): string {
 *   return `${result.stages.length} stages, ${result.warnings.length} warnings, stopped: ${result.stopReason}`;
 * }
 * console.log(typeof summary); // function
 * ```
 */
export interface NarrowingResult {
  readonly stages: readonly NarrowingStage[];
  /** The ranges a next stage would search (derived from the last stage's top-k). */
  readonly nextSpace: SearchSpace;
  /** Every stage's warnings, in order. */
  readonly warnings: readonly string[];
  /** The best COMPLETE trial over all stages. */
  readonly bestTrial: FrozenTrial | undefined;
  /** Why the search ended: `completed`, or why a stage's `optimize` stopped early. */
  readonly stopReason: OptimizeResult["stopReason"];
}

/** The module worker processes load for a stage (this package's narrowing-objective). */
function narrowingModule(): string {
  const self = import.meta.url;
  return new URL(`./narrowing-objective.${self.endsWith(".ts") ? "ts" : "js"}`, self).href;
}

/** A module path as an absolute file URL (the wrapper imports it from another directory). */
function resolveModule(module: string): string {
  return /^(\.{0,2}\/|[A-Za-z]:[\\/])/.test(module) ? pathToFileURL(resolve(module)).href : module;
}

interface Settings {
  readonly margin: number;
  readonly minWidth: number;
  readonly bounds: "clip" | "move";
  readonly tolerance: number;
}

type Numeric = Exclude<ParamSpec, { type: "categorical" }>;

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** Rounds to 4 significant digits, towards −∞ (`down`) or +∞. */
function round4(x: number, down: boolean): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 3);
  const k = down ? Math.floor(x / unit + 1e-9) : Math.ceil(x / unit - 1e-9);
  return Number((k * unit).toPrecision(4));
}

/** The next range of one numerical parameter. */
function narrowOne(
  name: string,
  spec: Numeric,
  first: Numeric,
  top: readonly number[],
  best: number | undefined,
  stage: number,
  s: Settings,
  warnings: string[],
): Numeric {
  const log = spec.log === true;
  const u = (x: number) => (log ? Math.log(x) : x);
  const v = (x: number) => (log ? Math.exp(x) : x);
  const L = u(spec.low);
  const H = u(spec.high);
  const W = H - L;
  if (top.length === 0 || W <= 0) return spec;
  const ts = top.map(u);
  const lo = Math.min(...ts);
  const hi = Math.max(...ts);
  const pad = hi > lo ? s.margin * (hi - lo) : (s.margin * W) / 2;
  let newLo = lo - pad;
  let newHi = hi + pad;
  if (newHi - newLo < s.minWidth * W) {
    const mid = (lo + hi) / 2;
    newLo = mid - (s.minWidth * W) / 2;
    newHi = mid + (s.minWidth * W) / 2;
  }
  if (best !== undefined) {
    const b = u(best);
    const range = `[${fmt(spec.low)}, ${fmt(spec.high)}]`;
    const side =
      b - L <= s.tolerance * W ? "lower" : H - b <= s.tolerance * W ? "upper" : undefined;
    if (side !== undefined) {
      const moving = s.bounds === "move";
      warnings.push(
        `stage ${stage}: the best ${name} = ${fmt(best)} lies at the ${side} border of ${range}; the optimum may lie ${side === "lower" ? "below" : "above"} it` +
          (moving
            ? "; the next range reaches half a range beyond it"
            : ' (bounds: "clip" keeps the first range; use bounds: "move" to follow it)'),
      );
      // Keep the border in the next range — or, moving, reach half a range beyond the best value.
      if (side === "lower") newLo = Math.min(newLo, moving ? b - W / 2 : L);
      else newHi = Math.max(newHi, moving ? b + W / 2 : H);
    }
  }
  if (s.bounds === "clip") {
    newLo = Math.max(newLo, u(first.low));
    newHi = Math.min(newHi, u(first.high));
  }
  let low = v(newLo);
  let high = v(newHi);
  if (spec.type === "int") {
    const step = spec.step ?? 1;
    const base = first.low;
    low = base + Math.floor((low - base) / step + 1e-9) * step;
    high = base + Math.ceil((high - base) / step - 1e-9) * step;
    if (log) low = Math.max(1, low);
    if (s.bounds === "clip") {
      low = Math.max(low, first.low);
      high = Math.min(high, first.high);
    }
  } else if (spec.step !== undefined) {
    const step = spec.step;
    const base = first.low;
    low = Number((base + Math.floor((low - base) / step + 1e-9) * step).toPrecision(12));
    high = Number((base + Math.ceil((high - base) / step - 1e-9) * step).toPrecision(12));
  } else {
    low = round4(low, true);
    high = round4(high, false);
    if (s.bounds === "clip") {
      low = Math.max(low, first.low);
      high = Math.min(high, first.high);
    }
  }
  if (high < low) high = low;
  return { ...spec, low, high };
}

/** The next stage's space from this stage's top trials. */
function narrow(
  space: SearchSpace,
  first: SearchSpace,
  top: readonly FrozenTrial[],
  stage: number,
  s: Settings,
  warnings: string[],
): SearchSpace {
  const next: Record<string, ParamSpec> = {};
  for (const [name, spec] of Object.entries(space)) {
    if (spec.type === "categorical") {
      next[name] = spec; // Optuna forbids changing a categorical's choices within a study.
      continue;
    }
    const values = top.map((t) => t.params[name]).filter((x): x is number => typeof x === "number");
    const best = top[0]?.params[name];
    next[name] = narrowOne(
      name,
      spec,
      first[name] as Numeric,
      values,
      typeof best === "number" ? best : undefined,
      stage,
      s,
      warnings,
    );
  }
  return next;
}

function check(ok: boolean, option: string, value: unknown, expected: string): void {
  if (!ok) throw new InvalidOptionError({ op: "narrowingSearch", option, value, expected });
}

function recorded(study: Study): NarrowingStage[] {
  const history = study.userAttrs[NARROWING_KEY] as { stages?: unknown } | undefined;
  return Array.isArray(history?.stages) ? (history.stages as NarrowingStage[]) : [];
}

/**
 * Automatic range narrowing — the procedure the book (and cs231n) do by hand: stage 1 searches
 * the given ranges; each next stage searches ranges derived from the previous stage's `topK`
 * COMPLETE trials (their span, on the log scale for log parameters, widened by `margin` on each
 * side, at least `minWidth` of the old width, clipped to the first ranges unless `bounds:
 * "move"`). When a stage's best value lies at a range border a warning says so — the optimum
 * may lie outside — and is returned and recorded. Every stage's ranges, trial count, best trial
 * and warnings go into the study's user attribute `narrowing` (each trial's stage into its user
 * attribute `narrowing_stage`), so the history travels with the study — and a search whose
 * process died continues where it stopped when run again on the same study. Categorical
 * parameters keep their choices (Optuna does not allow them to change within a study).
 *
 * @example
 * ```ts
 * import { createStudy, narrowingSearch } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "narrow", direction: "minimize", seed: 6 });
 * // A bowl with its minimum at lr = 10^-3.5, weight decay = 10^-6.
 * const result = await narrowingSearch({
 *   study,
 *   space: {
 *     lr: { type: "float", low: 1e-6, high: 1e-2, log: true },
 *     weight_decay: { type: "float", low: 1e-8, high: 1e-4, log: true },
 *   },
 *   objective: ({ lr, weight_decay }) => (Math.log10(lr as number) + 3.5) ** 2 + (Math.log10(weight_decay as number) + 6) ** 2,
 *   stages: 3,
 *   trialsPerStage: 20,
 *   topK: 5,
 * });
 * const lr = result.stages.map((s) => s.space.lr as { low: number; high: number });
 * console.log(lr.length, lr[2]!.high / lr[2]!.low < lr[0]!.high / lr[0]!.low); // 3 true
 * console.log(lr[2]!.low < 10 ** -3.5 && 10 ** -3.5 < lr[2]!.high, result.warnings); // true []
 * ```
 */
export async function narrowingSearch(options: NarrowingSearchOptions): Promise<NarrowingResult> {
  const { study, space, objective, stages, trialsPerStage, topK } = options;
  check(typeof study?.optimize === "function", "study", study, "a Study");
  check(
    typeof space === "object" && space !== null && Object.keys(space).length > 0,
    "space",
    space,
    "a non-empty search space",
  );
  check(
    typeof objective === "function" || typeof objective === "string",
    "objective",
    objective,
    "a function of (params, trial), or the path of an objective module",
  );
  check(Number.isSafeInteger(stages) && stages >= 1, "stages", stages, "an integer >= 1");
  check(
    Number.isSafeInteger(trialsPerStage) && trialsPerStage >= 1,
    "trialsPerStage",
    trialsPerStage,
    "an integer >= 1",
  );
  check(Number.isSafeInteger(topK) && topK >= 1, "topK", topK, "an integer >= 1");
  const s: Settings = {
    margin: options.margin ?? 0.25,
    minWidth: options.minWidth ?? 0.1,
    bounds: options.bounds ?? "clip",
    tolerance: options.borderTolerance ?? 0.05,
  };
  check(s.margin >= 0 && Number.isFinite(s.margin), "margin", s.margin, "a number >= 0");
  check(s.minWidth > 0 && s.minWidth <= 1, "minWidth", s.minWidth, "a number in (0, 1]");
  check(s.bounds === "clip" || s.bounds === "move", "bounds", s.bounds, '"clip" or "move"');
  check(
    s.tolerance >= 0 && s.tolerance < 0.5,
    "borderTolerance",
    s.tolerance,
    "a number in [0, 0.5)",
  );
  for (const [name, spec] of Object.entries(space))
    check(
      ["float", "int", "categorical"].includes(spec?.type),
      `space.${name}.type`,
      spec?.type,
      '"float", "int" or "categorical"',
    );

  await study.refresh();
  const history: NarrowingStage[] = recorded(study).filter((r) => r.stage <= stages);
  const save = () =>
    study.setUserAttr(NARROWING_KEY, { version: 1, stages: history } as unknown as JsonValue);
  let current: SearchSpace = space;
  let nextSpace: SearchSpace = space;
  let stopReason: OptimizeResult["stopReason"] = "completed";
  const warnings: string[] = [];
  const ofStage = (stage: number) => study.trials.filter((t) => t.userAttrs[STAGE_KEY] === stage);
  const topOf = (stage: number) =>
    ofStage(stage)
      .filter((t) => t.state === "COMPLETE" && t.value !== undefined && !Number.isNaN(t.value))
      .sort(
        (a, b) =>
          (study.direction === "minimize" ? a.value! - b.value! : b.value! - a.value!) ||
          a.number - b.number,
      )
      .slice(0, topK);
  for (let stage = 1; stage <= stages; stage++) {
    const previous = history[stage - 1];
    if (previous?.done === true) {
      // Done in an earlier run: its ranges and warnings are recorded; the next ones follow.
      warnings.push(...previous.warnings);
      const top = topOf(stage);
      nextSpace =
        top.length === 0 ? previous.space : narrow(previous.space, space, top, stage, s, []);
      current = nextSpace;
      continue;
    }
    if (previous !== undefined) current = previous.space;
    const finished = ofStage(stage).filter(
      (t) => t.state !== "RUNNING" && t.state !== "WAITING",
    ).length;
    history[stage - 1] = {
      stage,
      space: current,
      trials: finished,
      best: null,
      warnings: [],
      done: false,
    };
    await save();
    const stageSpace = current;
    const nTrials = Math.max(0, trialsPerStage - finished);
    const result =
      typeof objective === "string"
        ? await study.optimize(narrowingModule(), {
            ...options.optimize,
            nTrials,
            objectiveArgs: {
              module: resolveModule(objective),
              ...(options.objectiveArgs === undefined ? {} : { args: options.objectiveArgs }),
              stage,
              space: stageSpace as unknown as JsonValue,
            },
          })
        : await study.optimize(
            async (trial) => {
              trial.setUserAttr(STAGE_KEY, stage);
              return objective(suggestParams(trial, stageSpace), trial);
            },
            { ...options.optimize, nTrials },
          );
    const top = topOf(stage);
    const stageWarnings: string[] = [];
    if (top.length === 0)
      stageWarnings.push(`stage ${stage}: no COMPLETE trial; the ranges stay as they were`);
    nextSpace = top.length === 0 ? current : narrow(current, space, top, stage, s, stageWarnings);
    const best = top[0];
    history[stage - 1] = {
      stage,
      space: current,
      trials: ofStage(stage).length,
      best:
        best === undefined
          ? null
          : { number: best.number, value: best.value!, params: best.params },
      warnings: stageWarnings,
      done: result.stopReason === "completed",
    };
    warnings.push(...stageWarnings);
    await save();
    if (result.stopReason !== "completed") {
      stopReason = result.stopReason;
      break;
    }
    current = nextSpace;
  }
  const bestTrial = study
    .topK(study.trials.length)
    .find((t) => typeof t.userAttrs[STAGE_KEY] === "number");
  return { stages: [...history], nextSpace, warnings, bestTrial, stopReason };
}

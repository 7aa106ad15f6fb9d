import { InvalidOptionError } from "@backprop/errors";
import { stepCount, stepPoint } from "./decimal.js";
import { contains, toInternal } from "./distributions.js";
import { isFinished } from "./journal-replay.js";
import type {
  CategoricalChoice,
  Distribution,
  FrozenTrial,
  JsonValue,
  Sampler,
  SamplerContext,
  StudyView,
} from "./types.js";
import { jsonOptions } from "./validate.js";

/**
 * Options of {@link gridSampler}.
 *
 * @example
 * ```ts
 * import { gridSampler, type GridSamplerOptions } from "@backprop/hpo";
 * const options: GridSamplerOptions = { searchSpace: { hidden: [50, 100], activation: ["relu", "tanh"] } };
 * console.log(gridSampler(options).name); // grid
 * ```
 */
export interface GridSamplerOptions {
  /**
   * The values of each parameter (Optuna's `GridSampler(search_space)`). Without it, the grid
   * is every value of the parameters the first trial suggests — categorical choices, integers
   * on their step grid, stepped floats — and that first trial takes the first value of each.
   */
  readonly searchSpace?: Readonly<Record<string, readonly CategoricalChoice[]>>;
}

/** Grid points beyond this many are refused (a continuous or huge range was meant otherwise). */
const MAX_POINTS = 1_000_000;

type Space = ReadonlyArray<readonly [string, readonly CategoricalChoice[]]>;

function sameSpace(a: Space, b: unknown): boolean {
  if (typeof b !== "object" || b === null || Array.isArray(b)) return false;
  const entries = Object.entries(b as Record<string, unknown>);
  if (entries.length !== a.length) return false;
  return a.every(([name, values]) => {
    const other = (b as Record<string, unknown>)[name];
    return (
      Array.isArray(other) &&
      other.length === values.length &&
      values.every((v, i) => v === other[i] || (Number.isNaN(v) && Number.isNaN(other[i])))
    );
  });
}

function sorted(space: Readonly<Record<string, readonly CategoricalChoice[]>>): Space {
  return Object.keys(space)
    .sort()
    .map((name) => [name, [...space[name]!]] as const);
}

function spaceJson(space: Space): JsonValue {
  return Object.fromEntries(space.map(([k, v]) => [k, [...v]]));
}

function size(space: Space): number {
  return space.reduce((n, [, values]) => n * values.length, 1);
}

/** The value of `name` at grid point `id` (names sorted, the last varying fastest). */
function valueAt(space: Space, id: number, name: string): CategoricalChoice | undefined {
  let rest = id;
  let found: CategoricalChoice | undefined;
  for (let i = space.length - 1; i >= 0; i--) {
    const [n, values] = space[i]!;
    const index = rest % values.length;
    rest = Math.floor(rest / values.length);
    if (n === name) found = values[index];
  }
  return found;
}

/** Every value of a distribution, or why it has no finite grid. */
function gridValues(name: string, d: Distribution): readonly CategoricalChoice[] {
  if (d.type === "categorical") return d.choices;
  const count =
    d.type === "int"
      ? (d.high - d.low) / d.step + 1
      : d.step === null
        ? Number.POSITIVE_INFINITY
        : stepCount(d.low, d.high, d.step) + 1;
  if (d.type === "float" && d.step === null)
    throw new InvalidOptionError({
      op: "gridSampler",
      option: `parameter '${name}'`,
      value: d,
      expected:
        "categorical, integer or a float with a step (pass searchSpace for continuous ranges)",
    });
  if (count > MAX_POINTS)
    throw new InvalidOptionError({
      op: "gridSampler",
      option: `parameter '${name}'`,
      value: d,
      expected: `at most ${MAX_POINTS} values`,
    });
  return Array.from({ length: count }, (_, k) =>
    d.type === "int" ? d.low + k * d.step : stepPoint(d.low, d.step!, k),
  );
}

function gridOf(t: FrozenTrial): { id: number; space: unknown } | undefined {
  const id = t.systemAttrs.grid_id;
  return typeof id === "number" ? { id, space: t.systemAttrs.search_space } : undefined;
}

/**
 * Exhaustive search over a grid (Optuna's GridSampler): each trial takes a grid point nobody
 * has evaluated or is evaluating (chosen with the trial's generator, so that parallel workers
 * rarely collide), records it as the system attributes `grid_id` and `search_space` (Optuna's
 * names), and the study stops once every point has been evaluated. Enqueued trials keep their
 * fixed parameters.
 *
 * @example
 * ```ts
 * import { createStudy, gridSampler } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "g", direction: "maximize", seed: 0, sampler: gridSampler() });
 * const result = await study.optimize((t) => {
 *   const hidden = t.suggestInt("hidden", 50, 200, { step: 50 });
 *   const activation = t.suggestCategorical("activation", ["relu", "tanh"]);
 *   return hidden + (activation === "relu" ? 1 : 0);
 * }, { nTrials: 100 });
 * console.log(result.stopReason, study.trials.length, study.bestParams); // exhausted 8 { hidden: 200, activation: 'relu' }
 * ```
 */
export function gridSampler(options: GridSamplerOptions = {}): Sampler {
  const given = options.searchSpace === undefined ? undefined : sorted(options.searchSpace);
  if (given !== undefined) {
    for (const [name, values] of given)
      if (!Array.isArray(values) || values.length === 0)
        throw new InvalidOptionError({
          op: "gridSampler",
          option: `searchSpace.${name}`,
          value: values,
          expected: "a non-empty array",
        });
    if (size(given) > MAX_POINTS)
      throw new InvalidOptionError({
        op: "gridSampler",
        option: "searchSpace",
        value: `${size(given)} points`,
        expected: `at most ${MAX_POINTS} points`,
      });
  }
  /** The space in force: given, or the one the study's first grid trial recorded. */
  const spaceOf = (study: StudyView): Space | undefined => {
    if (given !== undefined) return given;
    for (const t of study.trials) {
      const g = gridOf(t);
      if (g !== undefined && typeof g.space === "object" && g.space !== null)
        return sorted(g.space as Record<string, CategoricalChoice[]>);
    }
    return undefined;
  };
  const unvisited = (study: StudyView, space: Space): number[] => {
    const done = new Set<number>();
    const running = new Set<number>();
    for (const t of study.trials) {
      const g = gridOf(t);
      if (g === undefined || !sameSpace(space, g.space)) continue;
      if (isFinished(t.state)) done.add(g.id);
      else if (t.state === "RUNNING") running.add(g.id);
    }
    const all = Array.from({ length: size(space) }, (_, i) => i);
    const free = all.filter((i) => !done.has(i) && !running.has(i));
    return free.length > 0 ? free : all.filter((i) => !done.has(i));
  };
  /** Per trial number: the discovered space of a first trial, or the chosen grid point. */
  const discovering = new Map<number, Array<[string, readonly CategoricalChoice[]]>>();

  return {
    name: "grid",
    options: jsonOptions(options),
    beforeTrial(context: SamplerContext) {
      const { trial } = context;
      if ("grid_id" in trial.systemAttrs || "fixed_params" in trial.systemAttrs) return;
      const space = spaceOf(context.study);
      if (space === undefined) {
        discovering.set(trial.number, []);
        context.setTrialSystemAttr("grid_id", 0);
        context.setTrialSystemAttr("search_space", {});
        return;
      }
      let ids = unvisited(context.study, space);
      if (ids.length === 0) {
        context.warn("gridSampler: the grid is exhausted; this trial re-evaluates a grid point");
        ids = Array.from({ length: size(space) }, (_, i) => i);
      }
      const id = ids[context.rng.integer(0, ids.length - 1)]!;
      context.setTrialSystemAttr("search_space", spaceJson(space));
      context.setTrialSystemAttr("grid_id", id);
    },
    sample(context, name, distribution) {
      const { trial } = context;
      const found = discovering.get(trial.number);
      let value: CategoricalChoice | undefined;
      if (found !== undefined) {
        const values = gridValues(name, distribution);
        found.push([name, values]);
        context.setTrialSystemAttr("search_space", spaceJson(sorted(Object.fromEntries(found))));
        value = values[0];
      } else {
        const id = trial.systemAttrs.grid_id;
        const space =
          spaceOf(context.study) ??
          sorted((trial.systemAttrs.search_space ?? {}) as Record<string, CategoricalChoice[]>);
        if (typeof id !== "number")
          throw new InvalidOptionError({
            op: "gridSampler",
            option: `parameter '${name}'`,
            value: trial.systemAttrs.fixed_params ?? null,
            expected:
              "among the enqueued trial's fixed parameters (an enqueued trial of a grid study must fix every parameter)",
          });
        if (!space.some(([n]) => n === name))
          throw new InvalidOptionError({
            op: "gridSampler",
            option: `parameter '${name}'`,
            value: name,
            expected: `one of the grid's parameters (${space.map(([n]) => n).join(", ")})`,
          });
        value = valueAt(space, id, name);
      }
      const internal = toInternal(distribution, value ?? null);
      if (internal === undefined)
        throw new InvalidOptionError({
          op: "gridSampler",
          option: `parameter '${name}'`,
          value,
          expected: `a value of ${JSON.stringify(distribution)}`,
        });
      if (!contains(distribution, internal))
        context.warn(
          `gridSampler: ${JSON.stringify(value)} lies outside the range of '${name}' (${JSON.stringify(distribution)}); it is used anyway`,
        );
      return internal;
    },
    afterTrial(study: StudyView, trial: FrozenTrial) {
      discovering.delete(trial.number);
      const space = spaceOf(study);
      if (space === undefined) return false;
      const done = new Set<number>();
      for (const t of study.trials) {
        const g = gridOf(t);
        if (g !== undefined && isFinished(t.state) && sameSpace(space, g.space)) done.add(g.id);
      }
      return done.size >= size(space);
    },
  };
}

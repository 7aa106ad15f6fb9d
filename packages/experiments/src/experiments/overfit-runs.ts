import { multiLayerNet } from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { deriveRng } from "@backprop/random";
import { type Dataset, evaluate, fit, selectRows } from "@backprop/trainer";
import type { RunContext } from "../context.js";
import { lineChartGrid } from "../plots/line-chart-grid.js";
import type { Claim, MnistData, PlotSpec } from "../types.js";
import type { OverfittingSettings } from "./overfitting.js";

/** The evaluations the train–test gap is averaged over (the last ones of a run). */
export const GAP_WINDOW = 10;

/** One training run of the chapter's overfitting set-up (with or without a regulariser). */
export interface OverfitRun {
  /** Train and test accuracy at every evaluation (the book's lists: after iteration 0, then every epoch). */
  readonly train: number[];
  readonly test: number[];
  /** Mean of train − test over the last {@link GAP_WINDOW} evaluations. */
  readonly gap: number;
  readonly trainEnd: number;
  readonly testEnd: number;
  /** Accuracy on every row of the test set after the last step. */
  readonly finalTest: number;
  /** The first evaluation (0-based, the plot's epoch) at which train accuracy was 1, or null. */
  readonly perfectAt: number | null;
}

/** The small training set of the chapter: `trainSize` rows drawn at random from the seed. */
export interface OverfitSetup {
  readonly data: MnistData;
  readonly train: Dataset;
  /** Where the test accuracies come from, for summaries and evidence lines. */
  readonly testNote: string;
  /** The same, short enough for a plot's subtitle. */
  readonly plotNote: string;
}

/**
 * The training subset and the description of the test evaluation. The rows are drawn at random
 * (the embedded digits are stored class by class, so "the first 300" would be one digit).
 */
export async function overfitSetup(ctx: RunContext<OverfittingSettings>): Promise<OverfitSetup> {
  const data = await ctx.data();
  const s = ctx.settings;
  const n = Math.min(s.trainSize, data.train.count);
  const rows = deriveRng(ctx.seed, "train-subset").sample(data.train.count, n);
  const sample = s.testSample !== null && s.testSample < data.test.count ? s.testSample : null;
  return {
    data,
    train: selectRows(data.train, rows.sort()),
    testNote:
      sample === null
        ? `test accuracy on all ${data.test.count} test rows`
        : `test accuracy per epoch on a fresh random sample of ${sample} of the ${data.test.count} test rows (the book's evaluate_sample_num_per_epoch); the final one on all rows`,
    plotNote:
      sample === null
        ? `test: all ${data.test.count} test rows`
        : `test: a new sample of ${sample} of the ${data.test.count} test rows each epoch`,
  };
}

/**
 * Trains the chapter's 784-[100]×6-10 ReLU net (He init, the book's layer conventions) with SGD
 * in the book's loop and scores train and test accuracy after every epoch. Runs of one seed share
 * the training rows, the initial weights, the batches and the test samples, so they differ only
 * in the regulariser.
 */
export async function overfitRun(
  ctx: RunContext<OverfittingSettings>,
  setup: OverfitSetup,
  regulariser: { readonly weightDecay?: number; readonly dropout?: number; readonly label: string },
): Promise<OverfitRun> {
  const s = ctx.settings;
  const model = multiLayerNet({
    inputSize: setup.train.features.length / setup.train.count,
    hiddenSizes: Array.from({ length: s.hiddenLayers }, () => s.hiddenSize),
    outputSize: 10,
    activation: "relu",
    preset: "book",
    weightDecay: regulariser.weightDecay ?? 0,
    dropout: regulariser.dropout ?? 0,
    rng: deriveRng(ctx.seed, "init"),
  });
  try {
    const report = Math.max(1, Math.round(s.epochs / 5));
    const { history } = await fit({
      model,
      optimizer: sgd({ lr: s.lr }),
      train: setup.train,
      evaluate: { test: setup.data.test },
      ...(s.testSample === null ? {} : { evaluationSample: s.testSample }),
      mode: "book",
      epochs: s.epochs,
      batchSize: s.batchSize,
      seed: ctx.seed,
      callbacks: [
        {
          onEpochEnd: (logs) => {
            if (logs.epoch % report === 0 || logs.epoch === s.epochs)
              ctx.progress(
                `${regulariser.label}, epoch ${logs.epoch}: train ${logs.metrics["train.accuracy"]!.toFixed(3)}, test ${logs.metrics["test.accuracy"]!.toFixed(3)}`,
              );
          },
        },
      ],
      ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    });
    ctx.signal?.throwIfAborted();
    const train = history.epochs.map((e) => e.metrics["train.accuracy"]!);
    const test = history.epochs.map((e) => e.metrics["test.accuracy"]!);
    const perfect = train.indexOf(1);
    return {
      train,
      test,
      trainEnd: tailMean(train),
      testEnd: tailMean(test),
      gap: tailMean(train) - tailMean(test),
      finalTest: evaluate(model, setup.data.test).accuracy,
      perfectAt: perfect < 0 ? null : perfect,
    };
  } finally {
    model.dispose();
  }
}

/** The mean of the last {@link GAP_WINDOW} values. */
export function tailMean(values: readonly number[]): number {
  const tail = values.slice(-GAP_WINDOW);
  return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
}

/** "train 1.000, test 0.752 (gap 0.248)" over the last evaluations of a run. */
export function gapLine(run: OverfitRun): string {
  return `train ${run.trainEnd.toFixed(3)}, test ${run.testEnd.toFixed(3)} (gap ${run.gap.toFixed(3)})`;
}

/** The JSON data of a run (curves rounded to 4 decimals). */
export function runData(run: OverfitRun): Record<string, unknown> {
  const round = (values: readonly number[]) => values.map((v) => Math.round(v * 1e4) / 1e4);
  return {
    trainAccuracy: round(run.train),
    testAccuracy: round(run.test),
    trainEnd: run.trainEnd,
    testEnd: run.testEnd,
    gap: run.gap,
    finalTestAccuracy: run.finalTest,
    perfectTrainAt: run.perfectAt,
  };
}

/**
 * Train and test accuracy per epoch of runs side by side (one panel per run, shared axes), so the
 * gaps can be compared at a glance.
 */
export function accuracyPanels(options: {
  readonly title: string;
  readonly subtitle: string;
  readonly runs: ReadonlyArray<{ readonly title: string; readonly run: OverfitRun }>;
}): PlotSpec["spec"] {
  return lineChartGrid({
    title: options.title,
    subtitle: options.subtitle,
    columns: options.runs.length,
    x: { title: "epoch" },
    y: { title: "accuracy", domain: [0, 1], format: ".0%" },
    legend: "data",
    points: false,
    width: 340,
    height: 240,
    panels: options.runs.map(({ title, run }) => ({
      title: `${title}: final gap ${run.gap.toFixed(2)}`,
      series: [
        { name: "train", points: run.train.map((y, x) => ({ x, y })) },
        { name: "test", points: run.test.map((y, x) => ({ x, y })) },
      ],
    })),
  });
}

/** How a regulariser experiment names its regulariser in titles, claims and summaries. */
export interface RegulariserNames {
  /** Key of the regularised run in the result's data (e.g. `"dropout"`). */
  readonly key: string;
  /** The regulariser in running text, as in "without weight decay" (e.g. `"Dropout"`). */
  readonly name: string;
  /** With its setting, as in "Dropout 0.15" or "weight decay λ = 0.1" (titles, summary lines). */
  readonly setting: string;
  /** The claim's subject, as in "Dropout (ratio 0.15)". */
  readonly subject: string;
}

/**
 * The parts of a result that weight decay and Dropout share: both runs' data, the side-by-side
 * accuracy panels, the claim that the regulariser narrows the gap, and the summary lines. Each
 * experiment adds its own second claim.
 */
export function regulariserComparison(
  ctx: RunContext<OverfittingSettings>,
  setup: OverfitSetup,
  base: OverfitRun,
  regularised: OverfitRun,
  names: RegulariserNames,
): { data: Record<string, unknown>; plot: PlotSpec; gapClaim: Claim; summary: string[] } {
  const s = ctx.settings;
  const n = setup.train.count;
  return {
    data: {
      trainRows: n,
      testNote: setup.testNote,
      baseline: runData(base),
      [names.key]: runData(regularised),
    },
    plot: {
      name: "accuracy",
      title: `Train and test accuracy without and with ${names.name}`,
      spec: accuracyPanels({
        title: `${names.setting[0]!.toUpperCase()}${names.setting.slice(1)}: ${n} training samples, 784-[${s.hiddenSize}]×${s.hiddenLayers}-10, SGD lr ${s.lr} (${setup.data.name})`,
        subtitle: `both runs: the same seed, rows, initial weights and batches; ${setup.plotNote}`,
        runs: [
          { title: `without ${names.name}`, run: base },
          { title: names.setting, run: regularised },
        ],
      }),
    },
    gapClaim: {
      statement: `${names.subject} narrows the train–test gap`,
      holds: regularised.gap < base.gap,
      evidence: `gap (mean train − test over the last ${GAP_WINDOW} evaluations) ${regularised.gap.toFixed(3)} with ${names.setting} vs ${base.gap.toFixed(3)} without (same seed): ${gapLine(regularised)} vs ${gapLine(base)}`,
    },
    summary: [
      `${n} training rows, ${base.train.length} evaluations per run; ${setup.testNote}`,
      `without ${names.name}: ${gapLine(base)}; final test on all rows ${base.finalTest.toFixed(3)}`,
      `${names.setting}: ${gapLine(regularised)}; final test on all rows ${regularised.finalTest.toFixed(3)}`,
    ],
  };
}

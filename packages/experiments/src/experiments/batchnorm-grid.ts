import { multiLayerNet } from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { deriveRng, deriveSeed } from "@backprop/random";
import { type Dataset, fit, selectRows } from "@backprop/trainer";
import { countOf, runContext } from "../context.js";
import { lineChartGrid } from "../plots/line-chart-grid.js";
import type { Experiment, ExperimentResult } from "../types.js";

/**
 * Settings of {@link batchnormGrid}.
 *
 * @example
 * ```ts
 * import { type BatchnormGridSettings, batchnormGrid } from "@backprop/experiments";
 * const quick: BatchnormGridSettings = batchnormGrid.quick;
 * console.log(quick.scales, quick.epochs, batchnormGrid.full.epochs); // 16 10 20
 * ```
 */
export interface BatchnormGridSettings {
  /** Training rows, drawn at random from the seed (the book: the first 1 000 of MNIST). */
  readonly trainSize: number;
  /** Hidden layers of `hiddenSize` ReLU units (the book: 5 × 100). */
  readonly hiddenLayers: number;
  readonly hiddenSize: number;
  /** Evaluation points of the book's loop, one per `trainSize / batchSize` iterations (the book: 20). */
  readonly epochs: number;
  readonly batchSize: number;
  /** SGD learning rate (the book: 0.01). */
  readonly lr: number;
  /** How many weight stds, `logspace(0, −4, scales)` (the book: 16, a 4 × 4 grid). */
  readonly scales: number;
}

const BOOK: BatchnormGridSettings = {
  trainSize: 1000,
  hiddenLayers: 5,
  hiddenSize: 100,
  epochs: 20,
  batchSize: 100,
  lr: 0.01,
  scales: 16,
};

/** NumPy's `logspace(start, stop, num)`: `num` powers of ten, evenly spaced in the exponent. */
function logspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [10 ** start];
  return Array.from({ length: num }, (_, i) => 10 ** (start + ((stop - start) * i) / (num - 1)));
}

/** Train accuracy after iteration 0 and every epoch of one net of the grid. */
async function trainCurve(
  train: Dataset,
  settings: BatchnormGridSettings,
  std: number,
  batchNorm: boolean,
  seeds: { readonly init: number; readonly batches: number },
  signal: AbortSignal | undefined,
): Promise<number[]> {
  const model = multiLayerNet({
    inputSize: train.features.length / train.count,
    hiddenSizes: Array.from({ length: settings.hiddenLayers }, () => settings.hiddenSize),
    outputSize: 10,
    activation: "relu",
    weightInit: std,
    batchNorm,
    preset: "book",
    rng: deriveRng(seeds.init),
  });
  try {
    const { history } = await fit({
      model,
      optimizer: sgd({ lr: settings.lr }),
      train,
      mode: "book",
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      seed: seeds.batches,
      ...(signal === undefined ? {} : { signal }),
    });
    signal?.throwIfAborted();
    return history.epochs.map((e) => e.metrics["train.accuracy"]!);
  } finally {
    model.dispose();
  }
}

/**
 * Chapter 6's BatchNorm experiment: 784-[100]×5-10 ReLU nets trained with SGD (lr 0.01, batches of
 * 100 with replacement) on 1 000 samples for 20 epochs, with and without BatchNorm (the book's
 * layer: momentum 0.9, biased running variance), for 16 initial weight stds in
 * `logspace(0, −4, 16)`: a 4 × 4 grid of training-accuracy curves. Both nets of a scale start from
 * the same weights and see the same batches.
 *
 * @example
 * ```ts
 * import { batchnormGrid } from "@backprop/experiments";
 * import { initBackend } from "@backprop/tensor-core";
 * await initBackend({ backend: "wasm" });
 * const result = await batchnormGrid.run({ settings: { scales: 2, epochs: 2, trainSize: 200, hiddenLayers: 2 } });
 * console.log(result.plots[0]!.name, batchnormGrid.full.scales); // grid 16
 * ```
 */
export const batchnormGrid: Experiment<BatchnormGridSettings> = {
  name: "batchnorm-grid",
  title: "BatchNorm against the initial weight scale: a 4 × 4 grid of training curves",
  source: "ch6",
  description:
    "784-[100]×5-10, SGD lr 0.01, 1 000 samples, 20 epochs, weight std in logspace(0, −4, 16), with and without BatchNorm: BatchNorm learns faster at almost every scale.",
  usesData: true,
  quick: { ...BOOK, epochs: 10 },
  full: BOOK,
  async run(options = {}): Promise<ExperimentResult<BatchnormGridSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const data = await ctx.data();
    const n = Math.min(s.trainSize, data.train.count);
    // At random: the embedded digits are stored class by class, so "the first 1 000" would be one digit.
    const rows = deriveRng(ctx.seed, "train-subset").sample(data.train.count, n);
    const train = selectRows(data.train, rows.sort());
    const stds = logspace(0, -4, s.scales);
    const scales = [];
    for (const [i, std] of stds.entries()) {
      const seeds = {
        init: deriveSeed(ctx.seed, "init", i),
        batches: deriveSeed(ctx.seed, "batches", i),
      };
      const bn = await trainCurve(train, s, std, true, seeds, ctx.signal);
      const plain = await trainCurve(train, s, std, false, seeds, ctx.signal);
      ctx.progress(
        `${i + 1}/${stds.length} w = ${std.toExponential(1)}: final train accuracy ${bn.at(-1)!.toFixed(3)} with BatchNorm, ${plain.at(-1)!.toFixed(3)} without`,
      );
      scales.push({ std, bn, plain });
    }
    const mean = (values: readonly number[]) =>
      values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const higher = scales.map((r) => r.bn.at(-1)! > r.plain.at(-1)!);
    const faster = scales.map((r) => mean(r.bn) > mean(r.plain));
    const stuck = scales.filter((r) => r.plain.at(-1)! <= 0.2 && r.bn.at(-1)! >= 0.5);
    const w = (std: number) => `w = ${std.toExponential(1)}`;
    const setting = `${ctx.full ? "full" : "quick"} settings: ${s.epochs} epochs${s.epochs === BOOK.epochs ? "" : ` (the book: ${BOOK.epochs})`}, ${s.scales} weight scales${s.scales === BOOK.scales ? "" : ` (the book: ${BOOK.scales})`}`;
    const columns = Math.min(4, stds.length);
    return ctx.result({
      dataset: data.name,
      data: {
        trainRows: n,
        scales: scales.map((r) => ({
          weightStd: r.std,
          batchNorm: r.bn,
          withoutBatchNorm: r.plain,
        })),
      },
      plots: [
        {
          name: "grid",
          title: "Training accuracy with and without BatchNorm, per initial weight std",
          spec: lineChartGrid({
            title: `BatchNorm vs initial weight std w: training accuracy, 784-[${s.hiddenSize}]×${s.hiddenLayers}-10, SGD lr ${s.lr}, ${n} samples (${data.name})`,
            subtitle: `${setting}; both nets of a panel start from the same weights and see the same batches`,
            columns,
            x: { title: "epoch" },
            y: { title: "train accuracy", domain: [0, 1], format: ".0%" },
            legend: "network",
            points: false,
            width: 170,
            height: 110,
            panels: scales.map((r) => ({
              title: w(r.std),
              series: [
                { name: "BatchNorm", points: r.bn.map((y, x) => ({ x, y })) },
                { name: "without BatchNorm", points: r.plain.map((y, x) => ({ x, y })) },
              ],
            })),
          }),
        },
      ],
      claims: [
        {
          statement: "BatchNorm reaches a higher training accuracy at most weight scales",
          holds: higher.filter(Boolean).length > higher.length / 2,
          evidence: `BatchNorm reached higher final training accuracy in ${countOf(higher)} scales (${setting})`,
        },
        {
          statement: "BatchNorm learns faster at most weight scales",
          holds: faster.filter(Boolean).length > faster.length / 2,
          evidence: `BatchNorm's mean training accuracy over the ${s.epochs} evaluations was higher in ${countOf(faster)} scales`,
        },
        {
          statement:
            "Without BatchNorm a badly scaled initialisation does not learn at all, while BatchNorm still learns",
          holds: stuck.length > 0,
          evidence:
            stuck.length === 0
              ? "no scale where the plain net stays at or below 20% while BatchNorm reaches 50%"
              : `plain net at or below 20%, BatchNorm at 50% or more at ${stuck.length} scale${stuck.length === 1 ? "" : "s"}: ${stuck.map((r) => `${w(r.std)} (${r.plain.at(-1)!.toFixed(2)} vs ${r.bn.at(-1)!.toFixed(2)})`).join(", ")}`,
        },
      ],
      summary: [
        `${stds.length} weight scales × 2 nets, ${s.epochs} evaluations each, ${n} training rows; ${setting}`,
        ...scales.map(
          (r) =>
            `${w(r.std)}: final train accuracy ${r.bn.at(-1)!.toFixed(3)} with BatchNorm, ${r.plain.at(-1)!.toFixed(3)} without`,
        ),
      ],
    });
  },
};

import { runContext } from "../context.js";
import { lineChart } from "../plots/line-chart.js";
import type { Experiment, ExperimentResult } from "../types.js";
import { GAP_WINDOW, gapLine, overfitRun, overfitSetup, runData } from "./overfit-runs.js";

/**
 * Settings of {@link overfitting}, and the base of the weight-decay and dropout experiments' settings.
 *
 * @example
 * ```ts
 * import { type OverfittingSettings, overfitting } from "@backprop/experiments";
 * const book: OverfittingSettings = overfitting.full;
 * console.log(book.trainSize, book.hiddenLayers, book.epochs); // 300 6 200
 * ```
 */
export interface OverfittingSettings {
  /** Training rows, drawn at random from the seed (the book: the first 300 of MNIST). */
  readonly trainSize: number;
  /** Hidden layers of `hiddenSize` ReLU units (the book: 6 × 100). */
  readonly hiddenLayers: number;
  readonly hiddenSize: number;
  /** Evaluation points of the book's loop: one per `trainSize / batchSize` iterations (the book: 200). */
  readonly epochs: number;
  readonly batchSize: number;
  /** SGD learning rate (the book: 0.01). */
  readonly lr: number;
  /**
   * Score every set on a fresh random sample of this many rows per epoch (fit's
   * `evaluationSample`), or `null` for every row. The final test accuracy always uses every row.
   */
  readonly testSample: number | null;
}

const BOOK: OverfittingSettings = {
  trainSize: 300,
  hiddenLayers: 6,
  hiddenSize: 100,
  epochs: 200,
  batchSize: 100,
  lr: 0.01,
  testSample: null,
};

/**
 * Chapter 6's overfitting set-up: 300 training samples, a 784-[100]×6-10 ReLU net, SGD lr 0.01,
 * batches of 100 drawn with replacement, 200 epochs. Train accuracy climbs to 1.0 while test
 * accuracy stalls far below it.
 *
 * @example
 * ```ts
 * import { overfitting } from "@backprop/experiments";
 * import { initBackend } from "@backprop/tensor-core";
 * await initBackend({ backend: "wasm" });
 * const result = await overfitting.run({ settings: { epochs: 20, hiddenLayers: 2, testSample: 200 } });
 * console.log(result.claims.length, overfitting.full.epochs); // 3 200
 * ```
 */
export const overfitting: Experiment<OverfittingSettings> = {
  name: "overfitting",
  title: "Overfitting: 300 samples, a 6×100 ReLU net, 200 epochs",
  source: "ch6",
  description:
    "300 training samples, 784-[100]×6-10, SGD lr 0.01, batch 100, 200 epochs: train accuracy reaches 1.0 while test accuracy stalls far below.",
  usesData: true,
  quick: { ...BOOK, testSample: 1000 },
  full: BOOK,
  async run(options = {}): Promise<ExperimentResult<OverfittingSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const setup = await overfitSetup(ctx);
    const run = await overfitRun(ctx, setup, { label: "no regulariser" });
    const mid = Math.floor(run.test.length / 2);
    const around = (values: readonly number[], at: number) => {
      const window = values.slice(Math.max(0, at - GAP_WINDOW / 2), at + GAP_WINDOW / 2);
      return window.reduce((a, b) => a + b, 0) / Math.max(1, window.length);
    };
    const testMid = around(run.test, mid);
    const trainMid = around(run.train, mid);
    const n = setup.train.count;
    return ctx.result({
      dataset: setup.data.name,
      data: { trainRows: n, testNote: setup.testNote, ...runData(run) },
      plots: [
        {
          name: "accuracy",
          title: "Train and test accuracy per epoch",
          spec: lineChart({
            title: `Overfitting: ${n} training samples, 784-[${s.hiddenSize}]×${s.hiddenLayers}-10, SGD lr ${s.lr} (${setup.data.name})`,
            subtitle: `${s.epochs} epochs of the book's loop; ${setup.plotNote}`,
            x: { title: "epoch" },
            y: { title: "accuracy", domain: [0, 1], format: ".0%" },
            legend: "data",
            points: false,
            series: [
              { name: "train", points: run.train.map((y, x) => ({ x, y })) },
              { name: "test", points: run.test.map((y, x) => ({ x, y })) },
            ],
          }),
        },
      ],
      claims: [
        {
          statement: `Train accuracy reaches 1.0: the net memorises its ${n} training samples`,
          holds: run.trainEnd >= 0.99,
          evidence: `train accuracy ${run.trainEnd.toFixed(3)} over the last ${GAP_WINDOW} evaluations; first 100% at epoch ${run.perfectAt ?? "never"}`,
        },
        {
          statement: "Test accuracy stalls: it gains little in the second half of training",
          holds: run.testEnd - testMid < 0.03,
          evidence: `test ${testMid.toFixed(3)} around epoch ${mid} → ${run.testEnd.toFixed(3)} at the end (train ${trainMid.toFixed(3)} → ${run.trainEnd.toFixed(3)})`,
        },
        {
          statement: "A wide train–test gap remains: the net overfits",
          holds: run.gap >= 0.1,
          evidence: `${gapLine(run)} over the last ${GAP_WINDOW} evaluations; final test accuracy on all ${setup.data.test.count} rows ${run.finalTest.toFixed(3)}`,
        },
      ],
      summary: [
        `${n} training rows, ${run.train.length} evaluations; ${setup.testNote}`,
        `train ${run.train[0]!.toFixed(3)} → ${run.train.at(-1)!.toFixed(3)}, test ${run.test[0]!.toFixed(3)} → ${run.test.at(-1)!.toFixed(3)}; final test on all rows ${run.finalTest.toFixed(3)}`,
      ],
    });
  },
};

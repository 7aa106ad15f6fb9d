import { deriveRng } from "@backprop/random";
import { runContext } from "../context.js";
import { barChart } from "../plots/bar-chart.js";
import { lineChart } from "../plots/line-chart.js";
import type { Experiment, ExperimentResult } from "../types.js";
import { type LectureRun, trainLectureNet, trainModeAccuracy } from "./lecture-training.js";

/**
 * Settings of {@link lectureMnist}.
 *
 * @example
 * ```ts
 * import { lectureMnist, type LectureMnistSettings } from "@backprop/experiments";
 * const settings: LectureMnistSettings = { ...lectureMnist.full, deepWidth: 256 };
 * console.log(settings.epochs, settings.lr); // 15 0.001
 * ```
 */
export interface LectureMnistSettings {
  readonly epochs: number;
  readonly batchSize: number;
  /** Adam's learning rate (the lecture: 0.001). */
  readonly lr: number;
  /** Dropout of the deep net (the lecture's drop_prob: 0.3). */
  readonly dropout: number;
  /** Width of the deep net's four hidden layers (the lecture: 512). */
  readonly deepWidth: number;
}

/**
 * The lecture's MNIST networks: 784-256-256-10 ReLU with Adam, first with N(0, 1) weights (a huge
 * first-epoch cost, ≈129 in the notes, and ≈0.945 accuracy), then with Xavier (≈0.980), and the
 * deeper 784-512×4-10 with dropout, scored in eval mode and, to show why the lecture calls
 * `model.eval()`, with dropout left on.
 *
 * @example
 * ```ts
 * import { lectureMnist } from "@backprop/experiments";
 * console.log(lectureMnist.full.deepWidth); // 512
 * ```
 */
export const lectureMnist: Experiment<LectureMnistSettings> = {
  name: "lecture-mnist",
  title: "MNIST MLPs of the lecture: N(0,1) vs Xavier init, a deeper net with dropout",
  source: "lecture",
  description:
    "784-256-256-10 ReLU + Adam with N(0,1) init (first-epoch cost ≈129, acc ≈0.945) vs Xavier (≈0.980); 784-512×4-10 with dropout 0.3.",
  usesData: true,
  quick: { epochs: 5, batchSize: 100, lr: 0.001, dropout: 0.3, deepWidth: 512 },
  full: { epochs: 15, batchSize: 100, lr: 0.001, dropout: 0.3, deepWidth: 512 },
  async run(options = {}): Promise<ExperimentResult<LectureMnistSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const data = await ctx.data();
    const common = {
      optimizer: "adam",
      lr: s.lr,
      epochs: s.epochs,
      batchSize: s.batchSize,
    } as const;
    const runs: Array<[string, LectureRun]> = [
      ["784-256-256-10, N(0,1)", { ...common, hidden: [256, 256], init: 1, tag: "normal" }],
      [
        "784-256-256-10, Xavier",
        { ...common, hidden: [256, 256], init: "glorotUniform", tag: "xavier" },
      ],
      [
        `784-${s.deepWidth}×4-10, Xavier, dropout ${s.dropout}`,
        {
          ...common,
          hidden: [s.deepWidth, s.deepWidth, s.deepWidth, s.deepWidth],
          init: "glorotUniform",
          dropout: s.dropout,
          tag: "deep",
        },
      ],
    ];
    const outcomes = [];
    let dropoutOn = 0;
    for (const [label, run] of runs) {
      ctx.progress(label);
      const outcome = await trainLectureNet(ctx, data, run);
      // The deep net once more with dropout left on, as if model.eval() had been forgotten.
      if (run.dropout !== undefined)
        dropoutOn = trainModeAccuracy(outcome.model, data.test, deriveRng(ctx.seed, "train-mode"));
      outcome.model.dispose();
      outcomes.push({ label, costs: outcome.costs, testAccuracy: outcome.testAccuracy });
    }
    const [normal, xavier, deep] = outcomes as [
      (typeof outcomes)[0],
      (typeof outcomes)[0],
      (typeof outcomes)[0],
    ];
    return ctx.result({
      dataset: data.name,
      data: { runs: outcomes, deepWithDropoutOn: dropoutOn },
      plots: [
        {
          name: "cost",
          title: "Average cost per epoch",
          spec: lineChart({
            title: `Average training cost per epoch (${data.name}, Adam lr ${s.lr})`,
            subtitle: "log scale: N(0, 1) weights start orders of magnitude higher",
            x: { title: "epoch" },
            y: { title: "average cost", scale: "log" },
            legend: "network",
            series: outcomes.map((o) => ({
              name: o.label,
              points: o.costs.map((y, i) => ({ x: i + 1, y })),
            })),
          }),
        },
        {
          name: "accuracy",
          title: "Test accuracy",
          spec: barChart({
            title: `Test accuracy after ${s.epochs} epochs (${data.name})`,
            y: { title: "test accuracy", domain: [0, 1], format: ".0%" },
            valueFormat: ".2%",
            width: 420,
            bars: outcomes.map((o) => ({ label: o.label, value: o.testAccuracy })),
          }),
        },
      ],
      claims: [
        {
          statement: "With N(0, 1) weights the first-epoch cost is huge (≈129 in the notes)",
          holds: normal.costs[0]! > 10 * xavier.costs[0]!,
          evidence: `first-epoch cost ${normal.costs[0]!.toFixed(2)} with N(0, 1) vs ${xavier.costs[0]!.toFixed(4)} with Xavier`,
        },
        {
          statement:
            "Xavier init gives a higher test accuracy than N(0, 1) (0.980 vs 0.945 in the notes)",
          holds: xavier.testAccuracy > normal.testAccuracy,
          evidence: `Xavier ${(100 * xavier.testAccuracy).toFixed(2)}%, N(0, 1) ${(100 * normal.testAccuracy).toFixed(2)}%`,
        },
        {
          statement:
            "Dropout is for training only: the deep net scores higher in eval mode than with dropout left on",
          holds: deep.testAccuracy > dropoutOn,
          evidence: `test accuracy ${(100 * deep.testAccuracy).toFixed(2)}% in eval mode, ${(100 * dropoutOn).toFixed(2)}% with dropout on`,
        },
      ],
      summary: [
        ...outcomes.map(
          (o) =>
            `${o.label}: first-epoch cost ${o.costs[0]!.toFixed(4)}, test accuracy ${(100 * o.testAccuracy).toFixed(2)}%`,
        ),
        `the deep net with dropout left on (no model.eval()): ${(100 * dropoutOn).toFixed(2)}%`,
      ],
    });
  },
};

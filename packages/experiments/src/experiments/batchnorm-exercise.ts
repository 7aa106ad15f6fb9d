import { deriveRng } from "@backprop/random";
import { scope, softmax, tensor } from "@backprop/tensor-core";
import { runContext } from "../context.js";
import { barChart } from "../plots/bar-chart.js";
import { heatmap } from "../plots/heatmap.js";
import type { Experiment, ExperimentResult } from "../types.js";
import { trainLectureNet } from "./lecture-training.js";

/**
 * Settings of {@link batchnormExercise}.
 *
 * @example
 * ```ts
 * import { batchnormExercise, type BatchnormExerciseSettings } from "@backprop/experiments";
 * const settings: Partial<BatchnormExerciseSettings> = { epochs: 15, sizes: [[100, 100], [200, 150]] };
 * console.log(Object.keys(settings).every((k) => k in batchnormExercise.full)); // true
 * ```
 */
export interface BatchnormExerciseSettings {
  readonly epochs: number;
  readonly batchSize: number;
  /** Adam's learning rate. */
  readonly lr: number;
  readonly dropout: number;
  /** Hidden sizes to compare; the first is the exercise's 100-100. */
  readonly sizes: ReadonlyArray<readonly number[]>;
}

/**
 * The lecture's BatchNorm exercise: 784-100-100-10 with Linear → BatchNorm → ReLU → Dropout(0.3),
 * Xavier init, cross-entropy, Adam, batch 100, 15 epochs, evaluated in eval mode, one random test
 * digit drawn with its label and the prediction; then the hidden-size sweep (200-150, 50, 300, …)
 * comparing the training cost and the test accuracy.
 *
 * @example
 * ```ts
 * import { batchnormExercise } from "@backprop/experiments";
 * console.log(batchnormExercise.quick.sizes[0]); // [ 100, 100 ]
 * ```
 */
export const batchnormExercise: Experiment<BatchnormExerciseSettings> = {
  name: "batchnorm-exercise",
  title: "The BatchNorm exercise: 784-100-100-10 and a hidden-size sweep",
  source: "lecture",
  description:
    "Linear → BatchNorm → ReLU → Dropout(0.3), Xavier, Adam, batch 100, 15 epochs, eval mode; then hidden sizes 50-50, 200-150, 300-300.",
  usesData: true,
  quick: {
    epochs: 5,
    batchSize: 100,
    lr: 0.01,
    dropout: 0.3,
    sizes: [
      [100, 100],
      [50, 50],
      [200, 150],
      [300, 300],
    ],
  },
  full: {
    epochs: 15,
    batchSize: 100,
    lr: 0.01,
    dropout: 0.3,
    sizes: [
      [100, 100],
      [50, 50],
      [200, 150],
      [300, 300],
    ],
  },
  async run(options = {}): Promise<ExperimentResult<BatchnormExerciseSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const data = await ctx.data();
    const rows = [];
    let shown:
      | { pixels: number[]; label: number; prediction: number; probability: number }
      | undefined;
    for (const hidden of s.sizes) {
      const label = hidden.join("-");
      ctx.progress(`784-${label}-10`);
      const outcome = await trainLectureNet(ctx, data, {
        hidden,
        init: "glorotUniform",
        batchNorm: true,
        dropout: s.dropout,
        optimizer: "adam",
        lr: s.lr,
        epochs: s.epochs,
        batchSize: s.batchSize,
        tag: `bn-${label}`,
      });
      if (shown === undefined) {
        // One random test digit, as the exercise prints it: label and prediction, in eval mode.
        const r = deriveRng(ctx.seed, "digit").integer(0, data.test.count - 1);
        const k = data.test.features.length / data.test.count;
        const pixels = Array.from(data.test.features.subarray(r * k, r * k + k));
        const p = scope(() => {
          const backend = outcome.model.params.values().next().value!.backend;
          const x = tensor(pixels, { shape: [1, k], dtype: "float", backend });
          return Array.from(softmax(outcome.model.predict(x)).dataSync());
        });
        const prediction = p.indexOf(Math.max(...p));
        shown = { pixels, label: data.test.labels[r]!, prediction, probability: p[prediction]! };
      }
      outcome.model.dispose();
      rows.push({
        hidden: label,
        finalCost: outcome.costs.at(-1)!,
        costs: outcome.costs,
        testAccuracy: outcome.testAccuracy,
      });
    }
    const base = rows[0]!;
    const digit = shown!;
    const side = Math.round(Math.sqrt(digit.pixels.length));
    const wider = rows.filter(
      (r) =>
        r.hidden !== base.hidden && r.hidden.split("-").reduce((a, b) => a + Number(b), 0) > 200,
    );
    return ctx.result({
      dataset: data.name,
      data: {
        sizes: rows,
        digit: { label: digit.label, prediction: digit.prediction, probability: digit.probability },
      },
      plots: [
        {
          name: "digit",
          title: "A random test digit",
          spec: heatmap({
            title: `Label ${digit.label}, prediction ${digit.prediction} (${(100 * digit.probability).toFixed(1)}%)`,
            subtitle: `a random test image, classified in eval mode by 784-${base.hidden}-10 + BatchNorm`,
            values: Array.from({ length: side }, (_, r) =>
              digit.pixels.slice(r * side, r * side + side),
            ),
            x: [0, side],
            y: [0, side],
            domain: [0, 1],
            colors: ["white", "black"],
            legend: null,
            width: 224,
            height: 224,
          }),
        },
        {
          name: "sizes-accuracy",
          title: "Hidden sizes: test accuracy",
          spec: barChart({
            title: `Hidden sizes: test accuracy after ${s.epochs} epochs (${data.name})`,
            x: "hidden sizes",
            y: {
              title: "test accuracy",
              domain: [
                Math.max(
                  0,
                  Math.floor(20 * Math.min(...rows.map((r) => r.testAccuracy))) / 20 - 0.05,
                ),
                1,
              ],
              format: ".0%",
            },
            valueFormat: ".2%",
            bars: rows.map((r) => ({ label: r.hidden, value: r.testAccuracy })),
          }),
        },
        {
          name: "sizes-cost",
          title: "Hidden sizes: training cost",
          spec: barChart({
            title: `Hidden sizes: average training cost in epoch ${s.epochs}`,
            x: "hidden sizes",
            y: { title: "average cost" },
            valueFormat: ".3f",
            bars: rows.map((r) => ({ label: r.hidden, value: r.finalCost })),
          }),
        },
      ],
      claims: [
        {
          statement: "The BatchNorm + Dropout net, evaluated in eval mode, classifies MNIST well",
          holds: base.testAccuracy > 0.9,
          evidence: `784-${base.hidden}-10 test accuracy ${(100 * base.testAccuracy).toFixed(2)}%`,
        },
        {
          statement: "More hidden units lower the training cost",
          holds: wider.length > 0 && wider.every((r) => r.finalCost < base.finalCost),
          evidence: rows.map((r) => `${r.hidden}: ${r.finalCost.toFixed(4)}`).join(", "),
        },
      ],
      summary: [
        ...rows.map(
          (r) =>
            `784-${r.hidden}-10: final cost ${r.finalCost.toFixed(4)}, test accuracy ${(100 * r.testAccuracy).toFixed(2)}%`,
        ),
        `random test digit: label ${digit.label}, prediction ${digit.prediction}`,
      ],
    });
  },
};

import { runContext } from "../context.js";
import type { Experiment, ExperimentResult } from "../types.js";
import { overfitRun, overfitSetup, regulariserComparison } from "./overfit-runs.js";
import type { OverfittingSettings } from "./overfitting.js";

/**
 * Settings of {@link weightDecay}: the overfitting set-up plus the decay coefficient.
 *
 * @example
 * ```ts
 * import { type WeightDecaySettings, weightDecay } from "@backprop/experiments";
 * const book: WeightDecaySettings = weightDecay.full;
 * console.log(book.lambda, book.epochs); // 0.1 200
 * ```
 */
export interface WeightDecaySettings extends OverfittingSettings {
  /** λ of the penalty ½λ‖W‖² over every affine weight (the book: 0.1); the gradient gains λW. */
  readonly lambda: number;
}

const BOOK: WeightDecaySettings = {
  trainSize: 300,
  hiddenLayers: 6,
  hiddenSize: 100,
  epochs: 200,
  batchSize: 100,
  lr: 0.01,
  testSample: null,
  lambda: 0.1,
};

/**
 * Chapter 6's weight decay: the overfitting set-up (300 samples, 784-[100]×6-10, SGD lr 0.01,
 * 200 epochs) trained twice from the same seed — same rows, initial weights and batches — without
 * and with the penalty ½λ‖W‖² (λ = 0.1). The train–test gap narrows, mostly because train
 * accuracy falls (as the notes point out), not because test accuracy rises.
 *
 * @example
 * ```ts
 * import { weightDecay } from "@backprop/experiments";
 * import { initBackend } from "@backprop/tensor-core";
 * await initBackend({ backend: "wasm" });
 * const result = await weightDecay.run({ settings: { epochs: 20, hiddenLayers: 2, testSample: 200 } });
 * console.log(Object.keys(result.data).join(" "), weightDecay.full.lambda); // trainRows testNote baseline weightDecay 0.1
 * ```
 */
export const weightDecay: Experiment<WeightDecaySettings> = {
  name: "weight-decay",
  title: "Weight decay (λ = 0.1) against overfitting",
  source: "ch6",
  description:
    "The overfitting set-up with the penalty ½λ‖W‖², λ = 0.1, against the same run without it (same seed): the train–test gap narrows.",
  usesData: true,
  quick: { ...BOOK, testSample: 1000 },
  full: BOOK,
  async run(options = {}): Promise<ExperimentResult<WeightDecaySettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const setup = await overfitSetup(ctx);
    const base = await overfitRun(ctx, setup, { label: "no weight decay" });
    const decayed = await overfitRun(ctx, setup, {
      label: `λ = ${s.lambda}`,
      weightDecay: s.lambda,
    });
    const trainDrop = base.trainEnd - decayed.trainEnd;
    const testRise = decayed.testEnd - base.testEnd;
    const shared = regulariserComparison(ctx, setup, base, decayed, {
      key: "weightDecay",
      name: "weight decay",
      setting: `weight decay λ = ${s.lambda}`,
      subject: `Weight decay (λ = ${s.lambda})`,
    });
    return ctx.result({
      dataset: setup.data.name,
      data: shared.data,
      plots: [shared.plot],
      claims: [
        shared.gapClaim,
        {
          statement:
            "The gap narrows because train accuracy falls, not because test accuracy rises",
          holds: trainDrop > 0 && trainDrop > testRise,
          evidence: `train accuracy ${trainDrop >= 0 ? "falls" : "rises"} by ${Math.abs(trainDrop).toFixed(3)}, test accuracy ${testRise >= 0 ? "rises" : "falls"} by ${Math.abs(testRise).toFixed(3)}; final test on all ${setup.data.test.count} rows ${decayed.finalTest.toFixed(3)} vs ${base.finalTest.toFixed(3)}`,
        },
      ],
      summary: shared.summary,
    });
  },
};

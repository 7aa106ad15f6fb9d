import { runContext } from "../context.js";
import type { Experiment, ExperimentResult } from "../types.js";
import { overfitRun, overfitSetup, regulariserComparison } from "./overfit-runs.js";
import type { OverfittingSettings } from "./overfitting.js";

/**
 * Settings of {@link dropout}: the overfitting set-up plus the dropout ratio.
 *
 * @example
 * ```ts
 * import { type DropoutSettings, dropout } from "@backprop/experiments";
 * const book: DropoutSettings = dropout.full;
 * console.log(book.ratio, book.epochs); // 0.15 300
 * ```
 */
export interface DropoutSettings extends OverfittingSettings {
  /** Probability of dropping a hidden unit in training (the book: 0.15; its Dropout scales by 1 − ratio at inference). */
  readonly ratio: number;
}

const BOOK: DropoutSettings = {
  trainSize: 300,
  hiddenLayers: 6,
  hiddenSize: 100,
  epochs: 300,
  batchSize: 100,
  lr: 0.01,
  testSample: null,
  ratio: 0.15,
};

/**
 * Chapter 6's Dropout: the overfitting set-up (300 samples, 784-[100]×6-10, SGD lr 0.01) through
 * the book's Trainer for 300 epochs with a Dropout layer (ratio 0.15, the book's convention) after
 * every hidden activation, against the same run without Dropout (same seed: rows, initial
 * weights, batches). Accuracy rises more slowly, and the train–test gap narrows.
 *
 * @example
 * ```ts
 * import { dropout } from "@backprop/experiments";
 * import { initBackend } from "@backprop/tensor-core";
 * await initBackend({ backend: "wasm" });
 * const result = await dropout.run({ settings: { epochs: 20, hiddenLayers: 2, testSample: 200 } });
 * console.log(result.claims.length, dropout.full.ratio); // 2 0.15
 * ```
 */
export const dropout: Experiment<DropoutSettings> = {
  name: "dropout",
  title: "Dropout (ratio 0.15) against overfitting",
  source: "ch6",
  description:
    "The overfitting set-up through the book's Trainer for 300 epochs with Dropout 0.15 after every hidden layer, against the same run without it (same seed): the train–test gap narrows.",
  usesData: true,
  quick: { ...BOOK, testSample: 1000 },
  full: BOOK,
  async run(options = {}): Promise<ExperimentResult<DropoutSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const setup = await overfitSetup(ctx);
    const base = await overfitRun(ctx, setup, { label: "no dropout" });
    const dropped = await overfitRun(ctx, setup, {
      label: `dropout ${s.ratio}`,
      dropout: s.ratio,
    });
    const mean = (values: readonly number[]) =>
      values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const shared = regulariserComparison(ctx, setup, base, dropped, {
      key: "dropout",
      name: "Dropout",
      setting: `Dropout ${s.ratio}`,
      subject: `Dropout (ratio ${s.ratio})`,
    });
    return ctx.result({
      dataset: setup.data.name,
      data: shared.data,
      plots: [shared.plot],
      claims: [
        shared.gapClaim,
        {
          statement: "Train accuracy rises more slowly with Dropout",
          holds: mean(dropped.train) < mean(base.train),
          evidence: `mean train accuracy over the ${base.train.length} evaluations ${mean(dropped.train).toFixed(3)} with Dropout vs ${mean(base.train).toFixed(3)} without; first 100% at epoch ${dropped.perfectAt ?? "never"} vs ${base.perfectAt ?? "never"}`,
        },
      ],
      summary: shared.summary,
    });
  },
};

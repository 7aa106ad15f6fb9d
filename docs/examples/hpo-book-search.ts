import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { bookSearchObjective, bookSearchTest } from "@backprop/experiments";
import { createStudy, narrowingSearch, pruningCallback, type Trial } from "@backprop/hpo";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/**
 * The book's chapter-6 search, automated: lr from 10^[-6, -2] and weight decay from
 * 10^[-8, -4], log-uniform, on 500 training rows with 20% held out for validation; after each
 * stage the ranges narrow around the best trials. The test set is looked at once, at the end.
 * (Small here — 2 stages × 12 trials of 10 epochs on a 2×100 net; the book: ~100 trials of 50
 * epochs on 6×100, which `backprop search --preset book --full` runs.)
 */
export async function run(out: ExampleOutput): Promise<number> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const train = await loadEmbeddedMnist({ split: "train" }); // the search never sees "test"
  const settings = { epochs: 10, hiddenLayers: 2 };
  const study = await createStudy({ studyName: "book", direction: "maximize", seed: 6 });

  const result = await narrowingSearch({
    study,
    space: {
      lr: { type: "float", low: 1e-6, high: 1e-2, log: true },
      weight_decay: { type: "float", low: 1e-8, high: 1e-4, log: true },
    },
    // narrowingSearch suggests the stage's parameters; the book's objective trains with them
    // (it asks its trial for lr and weight_decay: here they are the stage's values), reports
    // the validation accuracy after every epoch through hpo's pruning callback, and stops
    // trials the pruner gives up on.
    objective: (params, trial: Trial) =>
      bookSearchObjective({
        train,
        seed: 6,
        settings,
        callbacks: () => [pruningCallback(trial, { monitor: "validation.accuracy" })],
      })({
        number: trial.number,
        suggestFloat: (name) => params[name] as number,
        report: (value, step) => trial.report(value, step),
        shouldPrune: () => trial.shouldPrune(),
        setUserAttr: (key, value) => trial.setUserAttr(key, value),
      }),
    stages: 2,
    trialsPerStage: 12,
    topK: 4,
  });

  for (const stage of result.stages) {
    const lr = stage.space.lr as { low: number; high: number };
    const best = stage.best;
    out.log(
      `stage ${stage.stage}: lr in [${lr.low.toExponential(1)}, ${lr.high.toExponential(1)}], ${stage.trials} trials, best validation accuracy ${best?.value.toFixed(4)}`,
    );
  }
  for (const warning of result.warnings) out.log(`warning: ${warning}`);

  const params = study.bestParams as { lr: number; weight_decay: number };
  const test = await loadEmbeddedMnist({ split: "test" });
  const { testAccuracy } = await bookSearchTest({ train, test, params, seed: 6, settings });
  out.log(
    `chosen lr ${params.lr.toExponential(2)}, weight decay ${params.weight_decay.toExponential(2)}: test accuracy ${testAccuracy.toFixed(4)} (scored once)`,
  );
  return testAccuracy;
}

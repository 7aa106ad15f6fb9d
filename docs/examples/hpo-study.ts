import { createStudy, medianPruner, TrialPruned, tpeSampler } from "@backprop/hpo";
import type { ExampleOutput } from "./output.js";

/**
 * A study, define-by-run: the objective asks for its parameters as it runs, reports a value
 * after every "epoch" and stops when the pruner says the trial is hopeless. The objective here
 * stands in for "train briefly, return the validation accuracy" (the guide trains for real).
 */
export async function run(out: ExampleOutput): Promise<number> {
  const study = await createStudy({
    storage: "memory:", // or "journal:./study.jsonl", or "postgres://host/db"
    studyName: "quick-start",
    direction: "maximize",
    sampler: tpeSampler(), // 10 random trials, then TPE
    pruner: medianPruner({ nStartupTrials: 5, nWarmupSteps: 2 }),
    seed: 2016, // trial n draws from deriveRng(2016, "trial", n): replayable
  });
  await study.optimize(
    async (trial) => {
      const lr = trial.suggestFloat("lr", 1e-6, 1e-2, { log: true });
      const hidden = trial.suggestInt("hidden", 50, 200, { step: 50 });
      const quality = 0.95 - 0.02 * (Math.log10(lr) + 3) ** 2 - (200 - hidden) / 5000;
      for (let epoch = 1; epoch <= 10; epoch++) {
        trial.report(quality * (1 - 0.5 / epoch), epoch);
        if (trial.shouldPrune()) throw new TrialPruned();
      }
      return quality;
    },
    { nTrials: 40 },
  );
  const states = study.trials.map((t) => t.state);
  out.log(
    `trials ${states.length}: ${states.filter((s) => s === "COMPLETE").length} complete, ${states.filter((s) => s === "PRUNED").length} pruned`,
  );
  const best = study.bestParams;
  out.log(
    `best value ${study.bestValue.toFixed(4)} at lr ${(best.lr as number).toExponential(2)}, hidden ${best.hidden}`,
  );
  return study.bestValue;
}

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStudy, loadStudy } from "@backprop/hpo";
import type { ExampleOutput } from "./output.js";

/**
 * A study in a journal file — Optuna 3.1's JournalFileStorage format, line for line — that
 * Python Optuna opens as it is (examples/open-study.py), and that backprop opens again.
 */
export async function run(
  out: ExampleOutput,
  dir = mkdtempSync(join(tmpdir(), "hpo-")),
): Promise<string> {
  const journal = join(dir, "chapter-6.jsonl");
  const study = await createStudy({
    storage: `journal:${journal}`,
    studyName: "chapter-6",
    direction: "maximize",
    seed: 6,
  });
  await study.optimize(
    (trial) => {
      const lr = trial.suggestFloat("lr", 1e-6, 1e-2, { log: true });
      const weightDecay = trial.suggestFloat("weight_decay", 1e-8, 1e-4, { log: true });
      // Stands in for "train briefly, return the validation accuracy".
      return 0.9 - 0.03 * (Math.log10(lr) + 2.5) ** 2 - 0.01 * (Math.log10(weightDecay) + 6) ** 2;
    },
    { nTrials: 30 },
  );
  out.log(
    `wrote ${study.trials.length} trials to ${journal.slice(dir.length + 1)}; best value ${study.bestValue.toFixed(6)}`,
  );

  // Another process (or a later run) continues the same study from the file.
  const again = await loadStudy({ storage: `journal:${journal}`, studyName: "chapter-6" });
  out.log(
    `reopened: ${again.trials.length} trials, the same best trial: ${again.bestTrial.number === study.bestTrial.number}`,
  );
  return journal;
}

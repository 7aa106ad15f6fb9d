import { createStudy } from "@backprop/hpo";
import type { ExampleOutput } from "./output.js";

/**
 * The book search in worker processes on PostgreSQL: the study lives in the database (Optuna
 * 3.1's RDB schema, created if missing), each worker process loads examples/hpo-objective.ts
 * and asks the parent for one trial at a time, and every trial goes through the storage — so
 * `backprop worker` processes on other machines can join the same study.
 */
export async function run(
  out: ExampleOutput,
  storage = "postgres://127.0.0.1:5432/test",
): Promise<number> {
  const study = await createStudy({
    storage,
    studyName: "book-workers",
    direction: "maximize",
    seed: 7,
    loadIfExists: true, // run it again and the study continues
  });
  const before = study.trials.length;
  const result = await study.optimize(new URL("./hpo-objective.ts", import.meta.url), {
    workers: 2,
    nTrials: 6,
    objectiveArgs: { seed: 7, epochs: 5 },
    heartbeatInterval: 1, // a killed worker's trial fails after 2 s without a heartbeat
  });
  const workers = new Set(result.trials.map((t) => t.userAttrs.pid)).size;
  out.log(
    `${result.trials.length} trials (${result.stopReason}) in ${workers} worker processes; the study has ${study.trials.length - before} more`,
  );
  out.log(`states: ${[...new Set(result.trials.map((t) => t.state))].sort().join(", ")}`);
  out.log(
    `best so far: trial ${study.bestTrial.number}, validation accuracy ${study.bestValue.toFixed(4)}`,
  );
  return study.bestValue;
}

import type { Pruner } from "./types.js";

/**
 * A pruner that never prunes (Optuna's NopPruner).
 *
 * @example
 * ```ts
 * import { createStudy, nopPruner } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "nop", direction: "minimize", seed: 0, pruner: nopPruner() });
 * await study.optimize((trial) => {
 *   trial.report(1, 0);
 *   return trial.shouldPrune() ? -1 : 1;
 * }, { nTrials: 2 });
 * console.log(study.bestValue); // 1
 * ```
 */
export function nopPruner(): Pruner {
  return { name: "nop", options: {}, prune: () => false };
}

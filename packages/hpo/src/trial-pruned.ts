import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/**
 * Thrown by an objective to end its trial PRUNED (Optuna's `TrialPruned`): the trial stopped
 * early because `trial.shouldPrune()` said so. The trial keeps its last reported value.
 * `pruningCallback` makes `fit` throw it.
 *
 * @example
 * ```ts
 * import { createStudy, TrialPruned } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "pruned", direction: "minimize", seed: 0 });
 * await study.optimize((trial) => {
 *   trial.report(3, 0);
 *   throw new TrialPruned();
 * }, { nTrials: 1 });
 * console.log(study.trials[0]!.state, study.trials[0]!.value); // PRUNED 3
 * console.log(TrialPruned.isInstance(new TrialPruned("at epoch 2"))); // true
 * ```
 */
export class TrialPruned extends BackpropError {
  static override readonly kind: string = "TrialPruned";

  constructor(message = "Trial was pruned", options: BackpropErrorOptions = {}) {
    super(message, { code: "BACKPROP_TRIAL_PRUNED", cause: options.cause });
  }
}

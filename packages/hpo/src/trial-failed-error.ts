import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/** Fields of a {@link TrialFailedError}. */
export interface TrialFailedErrorFields extends BackpropErrorOptions {
  readonly studyName: string;
  readonly trialNumber: number;
  /** Why the trial failed (the error's message, or what the objective returned). */
  readonly reason: string;
}

/**
 * What `optimize({ stopOnFail: true })` rejects with when a trial fails: the trial is recorded
 * FAIL first, and the objective's own error, if it threw one, is the `cause`. (Without
 * `stopOnFail`, a failed trial is recorded and the study goes on.)
 *
 * @example
 * ```ts
 * import { createStudy, TrialFailedError } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "strict", direction: "minimize", seed: 0 });
 * try {
 *   await study.optimize(() => Number.NaN, { nTrials: 5, stopOnFail: true });
 * } catch (e) {
 *   console.log(TrialFailedError.isInstance(e) && e.message); // Trial 0 of study "strict" failed: the objective returned NaN
 * }
 * console.log(study.trials.length, study.trials[0]!.state); // 1 FAIL
 * ```
 */
export class TrialFailedError extends BackpropError {
  static override readonly kind: string = "TrialFailedError";
  readonly studyName: string;
  readonly trialNumber: number;
  readonly reason: string;

  constructor(fields: TrialFailedErrorFields) {
    super(
      `Trial ${fields.trialNumber} of study ${JSON.stringify(fields.studyName)} failed: ${fields.reason}`,
      {
        code: "BACKPROP_TRIAL_FAILED",
        cause: fields.cause,
      },
    );
    this.studyName = fields.studyName;
    this.trialNumber = fields.trialNumber;
    this.reason = fields.reason;
  }
}

import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/** Fields of a {@link NoCompletedTrialsError}. */
export interface NoCompletedTrialsErrorFields extends BackpropErrorOptions {
  readonly studyName: string;
}

/**
 * `bestTrial`, `bestValue` or `bestParams` of a study without a COMPLETE trial.
 *
 * @example
 * ```ts
 * import { createStudy, NoCompletedTrialsError } from "@backprop/hpo";
 * const study = await createStudy({ studyName: "empty", direction: "minimize", seed: 0 });
 * try {
 *   study.bestValue;
 * } catch (e) {
 *   console.log(NoCompletedTrialsError.isInstance(e) && e.message); // Study "empty" has no COMPLETE trial yet
 * }
 * ```
 */
export class NoCompletedTrialsError extends BackpropError {
  static override readonly kind: string = "NoCompletedTrialsError";
  readonly studyName: string;

  constructor(fields: NoCompletedTrialsErrorFields) {
    super(`Study ${JSON.stringify(fields.studyName)} has no COMPLETE trial yet`, {
      code: "BACKPROP_NO_COMPLETED_TRIALS",
      cause: fields.cause,
    });
    this.studyName = fields.studyName;
  }
}

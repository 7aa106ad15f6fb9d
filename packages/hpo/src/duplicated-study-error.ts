import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/** Fields of a {@link DuplicatedStudyError}. */
export interface DuplicatedStudyErrorFields extends BackpropErrorOptions {
  readonly storage: string;
  readonly studyName: string;
}

/**
 * `createStudy` found a study of that name already (pass `loadIfExists: true` to reuse it) —
 * Optuna's `DuplicatedStudyError`.
 *
 * @example
 * ```ts
 * import { createStudy, DuplicatedStudyError, inMemoryStorage } from "@backprop/hpo";
 * const storage = inMemoryStorage();
 * await createStudy({ storage, studyName: "s", direction: "minimize", seed: 0 });
 * try {
 *   await createStudy({ storage, studyName: "s", direction: "minimize", seed: 0 });
 * } catch (e) {
 *   console.log(DuplicatedStudyError.isInstance(e)); // true
 * }
 * ```
 */
export class DuplicatedStudyError extends BackpropError {
  static override readonly kind: string = "DuplicatedStudyError";
  readonly storage: string;
  readonly studyName: string;

  constructor(fields: DuplicatedStudyErrorFields) {
    super(
      `A study named ${JSON.stringify(fields.studyName)} exists already in '${fields.storage}' (pass loadIfExists: true to reuse it)`,
      { code: "BACKPROP_DUPLICATED_STUDY", cause: fields.cause },
    );
    this.storage = fields.storage;
    this.studyName = fields.studyName;
  }
}

import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/** Fields of a {@link StudyNotFoundError}. */
export interface StudyNotFoundErrorFields extends BackpropErrorOptions {
  readonly storage: string;
  readonly studyName: string;
}

/**
 * `loadStudy` found no study of that name in the storage.
 *
 * @example
 * ```ts
 * import { loadStudy, StudyNotFoundError } from "@backprop/hpo";
 * try {
 *   await loadStudy({ storage: "memory:", studyName: "missing" });
 * } catch (e) {
 *   console.log(StudyNotFoundError.isInstance(e) && e.message); // No study named "missing" in 'memory:'
 * }
 * ```
 */
export class StudyNotFoundError extends BackpropError {
  static override readonly kind: string = "StudyNotFoundError";
  readonly storage: string;
  readonly studyName: string;

  constructor(fields: StudyNotFoundErrorFields) {
    super(`No study named ${JSON.stringify(fields.studyName)} in '${fields.storage}'`, {
      code: "BACKPROP_STUDY_NOT_FOUND",
      cause: fields.cause,
    });
    this.storage = fields.storage;
    this.studyName = fields.studyName;
  }
}

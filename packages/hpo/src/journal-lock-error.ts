import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/** Fields of a {@link JournalLockError}. */
export interface JournalLockErrorFields extends BackpropErrorOptions {
  /** The lock file, `<journal>.lock`. */
  readonly lockFile: string;
  /** What could not be done, as a sentence. */
  readonly reason: string;
}

/**
 * The journal's lock file (`<journal>.lock`, Optuna's protocol) could not be taken in time or
 * was not ours to release. A lock left by a writer that crashed while holding it is the usual
 * cause: delete the file when no process is writing the journal.
 *
 * @example
 * ```ts
 * import { JournalLockError } from "@backprop/hpo";
 * const e = new JournalLockError({ lockFile: "study.jsonl.lock", reason: "still held after 30 s" });
 * console.log(e.message.startsWith("Journal lock 'study.jsonl.lock': still held after 30 s")); // true
 * ```
 */
export class JournalLockError extends BackpropError {
  static override readonly kind: string = "JournalLockError";
  readonly lockFile: string;
  readonly reason: string;

  constructor(fields: JournalLockErrorFields) {
    super(
      `Journal lock '${fields.lockFile}': ${fields.reason} (if no process is writing the journal, a crashed writer left the lock behind: delete it)`,
      { code: "BACKPROP_JOURNAL_LOCK", cause: fields.cause },
    );
    this.lockFile = fields.lockFile;
    this.reason = fields.reason;
  }
}

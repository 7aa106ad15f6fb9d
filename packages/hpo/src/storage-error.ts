import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/** Fields of a {@link StorageError}. */
export interface StorageErrorFields extends BackpropErrorOptions {
  /** The storage's URL, e.g. `"journal:./study.jsonl"`. */
  readonly storage: string;
  /** The operation that failed, e.g. `"setTrialParam"`. */
  readonly operation: string;
  /** What went wrong, as a sentence. */
  readonly reason: string;
}

/**
 * A storage refused or failed an operation: an unknown study or trial id, a write to a finished
 * trial, a journal that shrank under its reader. Names the storage and the operation.
 *
 * @example
 * ```ts
 * import { inMemoryStorage, StorageError } from "@backprop/hpo";
 * try {
 *   await inMemoryStorage().getTrial(7);
 * } catch (e) {
 *   console.log(StorageError.isInstance(e), (e as StorageError).operation); // true getTrial
 * }
 * ```
 */
export class StorageError extends BackpropError {
  static override readonly kind: string = "StorageError";
  readonly storage: string;
  readonly operation: string;
  readonly reason: string;

  constructor(fields: StorageErrorFields) {
    super(`${fields.operation} on '${fields.storage}' failed: ${fields.reason}`, {
      code: "BACKPROP_STORAGE",
      cause: fields.cause,
    });
    this.storage = fields.storage;
    this.operation = fields.operation;
    this.reason = fields.reason;
  }
}

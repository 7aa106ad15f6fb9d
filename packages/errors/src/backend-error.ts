import { BackpropError, type BackpropErrorOptions } from "./backprop-error.js";

/**
 * Fields of a {@link BackendError}.
 *
 * @example
 * ```ts
 * import { BackendError, type BackendErrorFields } from "@backprop/errors";
 * const fields: BackendErrorFields = { backend: "wasm", reason: "lacks the kernel Conv2D" };
 * console.log(new BackendError(fields).message); // Backend 'wasm': lacks the kernel Conv2D
 * ```
 */
export interface BackendErrorFields extends BackpropErrorOptions {
  /** The backend concerned, e.g. `"wasm"`. */
  readonly backend: string;
  /** What went wrong, as a sentence. */
  readonly reason: string;
}

/**
 * A compute backend is missing, not initialised, failed to load, or lacks a kernel.
 *
 * @example
 * ```ts
 * import { BackendError } from "@backprop/errors";
 * const e = new BackendError({ backend: "wasm", reason: "not initialised; call `await initBackend({ backend: \"wasm\" })` first" });
 * console.log(e.message);
 * ```
 */
export class BackendError extends BackpropError {
  static override readonly kind: string = "BackendError";
  readonly backend: string;
  readonly reason: string;

  constructor(fields: BackendErrorFields) {
    super(`Backend '${fields.backend}': ${fields.reason}`, {
      code: "BACKPROP_BACKEND",
      cause: fields.cause,
    });
    this.backend = fields.backend;
    this.reason = fields.reason;
  }
}

/**
 * Fields of a {@link BackendMismatchError}.
 *
 * @example
 * ```ts
 * import { BackendMismatchError, type BackendMismatchErrorFields } from "@backprop/errors";
 * const fields: BackendMismatchErrorFields = { op: "add", argument: "b", expected: "reference", actual: "wasm" };
 * console.log(new BackendMismatchError(fields).actual); // wasm
 * ```
 */
export interface BackendMismatchErrorFields extends BackpropErrorOptions {
  readonly op: string;
  readonly argument: string;
  /** The backend the other inputs live on. */
  readonly expected: string;
  /** The backend of the offending argument. */
  readonly actual: string;
}

/**
 * An operation received tensors that live on different backends. Copy one across with
 * `toBackend(t, name)` first.
 *
 * @example
 * ```ts
 * import { BackendMismatchError } from "@backprop/errors";
 * const e = new BackendMismatchError({ op: "add", argument: "b", expected: "wasm", actual: "reference" });
 * console.log(e.message);
 * ```
 */
export class BackendMismatchError extends BackendError {
  static override readonly kind: string = "BackendMismatchError";
  readonly op: string;
  readonly argument: string;
  readonly expected: string;
  readonly actual: string;

  constructor(fields: BackendMismatchErrorFields) {
    super({
      backend: fields.actual,
      reason: `argument '${fields.argument}' passed to '${fields.op}' lives on backend '${fields.actual}' but the other inputs live on '${fields.expected}'; copy it with toBackend(t, "${fields.expected}")`,
      cause: fields.cause,
    });
    this.op = fields.op;
    this.argument = fields.argument;
    this.expected = fields.expected;
    this.actual = fields.actual;
  }
}

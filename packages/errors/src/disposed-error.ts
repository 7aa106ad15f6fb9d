import { BackpropError, type BackpropErrorOptions } from "./backprop-error.js";

/**
 * Fields of a {@link DisposedError}.
 *
 * @example
 * ```ts
 * import { DisposedError, type DisposedErrorFields } from "@backprop/errors";
 * const fields: DisposedErrorFields = { op: "matMul", argument: "a" };
 * console.log(new DisposedError(fields).message); // Argument 'a' passed to 'matMul' was already disposed
 * ```
 */
export interface DisposedErrorFields extends BackpropErrorOptions {
  readonly op: string;
  readonly argument: string;
}

/**
 * A disposed tensor (or other released resource) was used.
 *
 * @example
 * ```ts
 * import { DisposedError } from "@backprop/errors";
 * console.log(new DisposedError({ op: "add", argument: "a" }).message);
 * // Argument 'a' passed to 'add' was already disposed
 * ```
 */
export class DisposedError extends BackpropError {
  static override readonly kind: string = "DisposedError";
  readonly op: string;
  readonly argument: string;

  constructor(fields: DisposedErrorFields) {
    super(`Argument '${fields.argument}' passed to '${fields.op}' was already disposed`, {
      code: "BACKPROP_DISPOSED",
      cause: fields.cause,
    });
    this.op = fields.op;
    this.argument = fields.argument;
  }
}

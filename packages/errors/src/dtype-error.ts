import { BackpropError, type BackpropErrorOptions } from "./backprop-error.js";

/**
 * Fields of a {@link DTypeError}.
 *
 * @example
 * ```ts
 * import { DTypeError, type DTypeErrorFields } from "@backprop/errors";
 * const fields: DTypeErrorFields = { op: "oneHot", argument: "indices", expected: "int32", actual: "float32" };
 * console.log(new DTypeError(fields).expected); // int32
 * ```
 */
export interface DTypeErrorFields extends BackpropErrorOptions {
  readonly op: string;
  readonly argument: string;
  /** Accepted dtypes, e.g. `"float32 or float64"`. */
  readonly expected: string;
  /** The dtype given. */
  readonly actual: string;
  readonly detail?: string;
}

/**
 * A tensor argument has a dtype the operation does not accept.
 *
 * @example
 * ```ts
 * import { DTypeError } from "@backprop/errors";
 * const e = new DTypeError({ op: "oneHot", argument: "indices", expected: "int32", actual: "float32" });
 * console.log(e.message); // Argument 'indices' passed to 'oneHot' must have dtype int32; got float32
 * ```
 */
export class DTypeError extends BackpropError {
  static override readonly kind: string = "DTypeError";
  readonly op: string;
  readonly argument: string;
  readonly expected: string;
  readonly actual: string;

  constructor(fields: DTypeErrorFields) {
    super(
      `Argument '${fields.argument}' passed to '${fields.op}' must have dtype ${fields.expected}; got ${fields.actual}${
        fields.detail ? `. ${fields.detail}` : ""
      }`,
      { code: "BACKPROP_DTYPE", cause: fields.cause },
    );
    this.op = fields.op;
    this.argument = fields.argument;
    this.expected = fields.expected;
    this.actual = fields.actual;
  }
}

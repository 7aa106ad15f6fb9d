import { BackpropError, type BackpropErrorOptions } from "./backprop-error.js";
import { formatValue } from "./format.js";

/**
 * Fields of an {@link InvalidOptionError}.
 *
 * @example
 * ```ts
 * import { InvalidOptionError, type InvalidOptionErrorFields } from "@backprop/errors";
 * const fields: InvalidOptionErrorFields = { op: "SGD", option: "lr", value: -1, expected: "a number > 0" };
 * console.log(new InvalidOptionError(fields).message); // Option 'lr' of 'SGD' must be a number > 0; got -1
 * ```
 */
export interface InvalidOptionErrorFields extends BackpropErrorOptions {
  /** Where the option was passed, e.g. `"randomNormal"` or `"Adam"`. */
  readonly op: string;
  /** The option's name, e.g. `"std"`. */
  readonly option: string;
  /** The value given. */
  readonly value: unknown;
  /** What is accepted, e.g. `"a finite number > 0"`. */
  readonly expected: string;
}

/**
 * An option (or plain argument) has a value outside what is accepted: NaN, negative sizes,
 * unknown names, out-of-range axes.
 *
 * @example
 * ```ts
 * import { InvalidOptionError } from "@backprop/errors";
 * const e = new InvalidOptionError({ op: "randomNormal", option: "std", value: Number.NaN, expected: "a finite number >= 0" });
 * console.log(e.message); // Option 'std' of 'randomNormal' must be a finite number >= 0; got NaN
 * ```
 */
export class InvalidOptionError extends BackpropError {
  static override readonly kind: string = "InvalidOptionError";
  readonly op: string;
  readonly option: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(fields: InvalidOptionErrorFields) {
    super(
      `Option '${fields.option}' of '${fields.op}' must be ${fields.expected}; got ${formatValue(fields.value)}`,
      { code: "BACKPROP_INVALID_OPTION", cause: fields.cause },
    );
    this.op = fields.op;
    this.option = fields.option;
    this.value = fields.value;
    this.expected = fields.expected;
  }
}

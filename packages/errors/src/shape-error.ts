import { BackpropError, type BackpropErrorOptions } from "./backprop-error.js";
import { formatValue } from "./format.js";

/**
 * Fields of a {@link ShapeError}.
 *
 * @example
 * ```ts
 * import { ShapeError, type ShapeErrorFields } from "@backprop/errors";
 * const fields: ShapeErrorFields = { op: "matMul", argument: "b", expected: "[3, *]", actual: [4, 2] };
 * console.log(new ShapeError(fields).message); // Argument 'b' passed to 'matMul' must have shape [3, *]; got [4, 2]
 * ```
 */
export interface ShapeErrorFields extends BackpropErrorOptions {
  /** The operation or method that rejected the input, e.g. `"matMul"` or `"Dense.forward"`. */
  readonly op: string;
  /** The argument at fault, e.g. `"b"`. */
  readonly argument: string;
  /** What was expected, in words or as a shape pattern such as `"[*, 784]"`. */
  readonly expected: string;
  /** The shape (or value) that was given. */
  readonly actual: readonly number[] | string;
  /** Optional extra sentence. */
  readonly detail?: string;
}

/**
 * A tensor argument has the wrong shape.
 *
 * @example
 * ```ts
 * import { ShapeError } from "@backprop/errors";
 * const e = new ShapeError({ op: "Dense.forward", argument: "x", expected: "[*, 784]", actual: [32, 785] });
 * console.log(e.message);
 * // Argument 'x' passed to 'Dense.forward' must have shape [*, 784]; got [32, 785]
 * ```
 */
export class ShapeError extends BackpropError {
  static override readonly kind: string = "ShapeError";
  readonly op: string;
  readonly argument: string;
  readonly expected: string;
  readonly actual: readonly number[] | string;

  constructor(fields: ShapeErrorFields) {
    const actual = typeof fields.actual === "string" ? fields.actual : formatValue(fields.actual);
    super(
      `Argument '${fields.argument}' passed to '${fields.op}' must have shape ${fields.expected}; got ${actual}${
        fields.detail ? `. ${fields.detail}` : ""
      }`,
      { code: "BACKPROP_SHAPE", cause: fields.cause },
    );
    this.op = fields.op;
    this.argument = fields.argument;
    this.expected = fields.expected;
    this.actual = fields.actual;
  }
}

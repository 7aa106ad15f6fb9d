import { BackpropError, type BackpropErrorOptions } from "./backprop-error.js";

/**
 * Fields of a {@link FormatError}.
 *
 * @example
 * ```ts
 * import { FormatError, type FormatErrorFields } from "@backprop/errors";
 * const fields: FormatErrorFields = { file: "model.safetensors", offset: 8, reason: "the header is not JSON" };
 * console.log(new FormatError(fields).offset); // 8
 * ```
 */
export interface FormatErrorFields extends BackpropErrorOptions {
  /** The file (or source) being read, e.g. `"model.safetensors"`. */
  readonly file: string;
  /** Byte offset of the fault, when known. */
  readonly offset?: number;
  /** The entry at fault (a tensor name, a field), when known. */
  readonly entry?: string;
  /** What is wrong, as a sentence. */
  readonly reason: string;
}

/**
 * A file (or buffer) does not follow its format: a bad header, an offset out of range, a tensor
 * of the wrong dtype or shape. Names the file, the entry and the byte offset when known.
 *
 * @example
 * ```ts
 * import { FormatError } from "@backprop/errors";
 * const e = new FormatError({ file: "model.safetensors", offset: 0, reason: "header length 2^40 exceeds the 100 MB cap" });
 * console.log(e.message); // model.safetensors at byte 0: header length 2^40 exceeds the 100 MB cap
 * ```
 */
export class FormatError extends BackpropError {
  static override readonly kind: string = "FormatError";
  readonly file: string;
  readonly offset: number | undefined;
  readonly entry: string | undefined;
  readonly reason: string;

  constructor(fields: FormatErrorFields) {
    const where = fields.offset === undefined ? "" : ` at byte ${fields.offset}`;
    const entry = fields.entry === undefined ? "" : ` (entry '${fields.entry}')`;
    super(`${fields.file}${where}${entry}: ${fields.reason}`, {
      code: "BACKPROP_FORMAT",
      cause: fields.cause,
    });
    this.file = fields.file;
    this.offset = fields.offset;
    this.entry = fields.entry;
    this.reason = fields.reason;
  }
}

import { FormatError, type FormatErrorFields } from "@backprop/errors";

/**
 * An IDX file breaks its format: names the file, the byte offset and what is wrong.
 *
 * @example
 * ```ts
 * import { IdxFormatError, parseIdx } from "@backprop/data-mnist";
 * try { parseIdx(new Uint8Array([0, 0, 8]), { file: "t10k-labels-idx1-ubyte" }); } catch (e) {
 *   if (IdxFormatError.isInstance(e)) console.log(e.offset, e.reason);
 * }
 * ```
 */
export class IdxFormatError extends FormatError {
  static override readonly kind: string = "IdxFormatError";

  constructor(fields: FormatErrorFields) {
    super(fields);
  }
}

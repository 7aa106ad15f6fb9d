import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";

/**
 * Fields of an {@link ImageReadError}.
 *
 * @example
 * ```ts
 * import { ImageReadError, type ImageReadErrorFields } from "@backprop/cli";
 * const fields: ImageReadErrorFields = { file: "a.png", reason: "permission denied" };
 * console.log(new ImageReadError(fields).file); // a.png
 * ```
 */
export interface ImageReadErrorFields extends BackpropErrorOptions {
  /** The file that could not be read. */
  readonly file: string;
  /** Why, as a phrase (e.g. `"no such file"`). */
  readonly reason: string;
}

/**
 * An image file could not be read at all (missing, a directory, no permission). A file that is
 * read but is not a valid PNG is a `FormatError` instead.
 *
 * @example
 * ```ts
 * import { ImageReadError } from "@backprop/cli";
 * const e = new ImageReadError({ file: "digit.png", reason: "no such file" });
 * console.log(e.message); // Cannot read image digit.png: no such file
 * ```
 */
export class ImageReadError extends BackpropError {
  static override readonly kind: string = "ImageReadError";
  readonly file: string;
  readonly reason: string;

  constructor(fields: ImageReadErrorFields) {
    super(`Cannot read image ${fields.file}: ${fields.reason}`, {
      code: "BACKPROP_IMAGE_READ",
      cause: fields.cause,
    });
    this.file = fields.file;
    this.reason = fields.reason;
  }
}

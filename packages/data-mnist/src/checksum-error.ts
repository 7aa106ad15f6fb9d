import { BackpropError } from "@backprop/errors";

/**
 * A file's content does not match its pinned checksum: names the file, both digests and what to do.
 *
 * @example
 * ```ts
 * import { ChecksumError } from "@backprop/data-mnist";
 * console.log(new ChecksumError({ file: "train-labels-idx1-ubyte.gz", algorithm: "sha256", expected: "ab…", actual: "cd…" }).message);
 * ```
 */
export class ChecksumError extends BackpropError {
  static override readonly kind: string = "ChecksumError";
  readonly file: string;
  readonly algorithm: string;
  readonly expected: string;
  readonly actual: string;

  constructor(fields: {
    readonly file: string;
    readonly algorithm: string;
    readonly expected: string;
    readonly actual: string;
    /** What to do next (default: delete the file and fetch it again). */
    readonly hint?: string;
  }) {
    super(
      `${fields.file}: ${fields.algorithm} ${fields.actual} does not match the published ${fields.expected}; ${fields.hint ?? "the file is corrupt or not the dataset it claims to be — delete it and fetch it again"}`,
      { code: "BACKPROP_CHECKSUM" },
    );
    this.file = fields.file;
    this.algorithm = fields.algorithm;
    this.expected = fields.expected;
    this.actual = fields.actual;
  }
}

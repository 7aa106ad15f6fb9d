import { BackpropError } from "@backprop/errors";

/**
 * One failed try of a download: the URL and what went wrong.
 *
 * @example
 * ```ts
 * import { type DownloadAttempt, DownloadError } from "@backprop/data-mnist";
 * const attempt: DownloadAttempt = { url: "https://example.org/mnist/t10k-labels-idx1-ubyte.gz", error: new Error("HTTP 404") };
 * const e = new DownloadError({ url: attempt.url, reason: "all 1 mirrors failed", attempts: [attempt] });
 * console.log(e.attempts.length); // 1
 * ```
 */
export interface DownloadAttempt {
  readonly url: string;
  readonly error: Error;
}

/**
 * Fields of a {@link DownloadError}.
 *
 * @example
 * ```ts
 * import { DownloadError, type DownloadErrorFields } from "@backprop/data-mnist";
 * const fields: DownloadErrorFields = { url: "https://example.org/a.gz", reason: "timed out: no data for 30000 ms" };
 * console.log(new DownloadError(fields).reason); // timed out: no data for 30000 ms
 * ```
 */
export interface DownloadErrorFields {
  /** The URL that failed (the last one tried when every mirror failed). */
  readonly url: string;
  /** What went wrong, as a sentence: `"HTTP 404 Not Found"`, `"timed out: no data for 30000 ms"`. */
  readonly reason: string;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** Every mirror tried, in order, when there was more than one. */
  readonly attempts?: readonly DownloadAttempt[];
  /** What to do next (default: check the network, or load from a directory with `{ dir }`). */
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * A file could not be downloaded: an HTTP error, a timeout, a connection cut before the declared
 * length, or every mirror failing. Names the URL (and each mirror's failure) and says what to do.
 * Nothing is left in the cache when it is thrown.
 *
 * @example
 * ```ts
 * import { DownloadError } from "@backprop/data-mnist";
 * const e = new DownloadError({ url: "https://example.org/t10k-labels-idx1-ubyte.gz", reason: "HTTP 404 Not Found", status: 404 });
 * console.log(e.status, DownloadError.isInstance(e)); // 404 true
 * ```
 */
export class DownloadError extends BackpropError {
  static override readonly kind: string = "DownloadError";
  readonly url: string;
  readonly reason: string;
  readonly status: number | undefined;
  readonly attempts: readonly DownloadAttempt[];

  constructor(fields: DownloadErrorFields) {
    const hint =
      fields.hint ??
      "Check the network (or a proxy), pass other { mirrors }, or download the files yourself and load them with { dir }.";
    const tried =
      fields.attempts === undefined || fields.attempts.length < 2
        ? ""
        : ` Every mirror failed: ${fields.attempts.map((a) => `${a.url}: ${a.error.message}`).join("; ")}.`;
    super(`Download of ${fields.url} failed: ${fields.reason}.${tried} ${hint}`, {
      code: "BACKPROP_DOWNLOAD",
      cause: fields.cause,
    });
    this.url = fields.url;
    this.reason = fields.reason;
    this.status = fields.status;
    this.attempts = fields.attempts ?? [];
  }
}

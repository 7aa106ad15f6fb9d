import { createHash } from "node:crypto";
import { DownloadError } from "../download-error.js";
import { createTemp, discard, type TempFile } from "./atomic-file.js";

/** Options of {@link downloadToTemp}. */
export interface DownloadFileOptions {
  readonly url: string;
  /** The final cache path; the temp file is created beside it. */
  readonly final: string;
  /** Abort when no byte has arrived for this long (waiting for headers or mid-body). */
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
  /** Digests to compute of the bytes as they arrive. */
  readonly algorithms: ReadonlyArray<"sha256" | "md5">;
}

/** A completely received download, not yet verified or visible under its final name. */
export interface Downloaded {
  readonly temp: TempFile;
  readonly bytes: number;
  readonly digests: Readonly<Partial<Record<"sha256" | "md5", string>>>;
}

/**
 * GETs `url` into a temp file next to `final`, hashing on the way. Fails with a
 * {@link DownloadError} naming the URL on an HTTP error, a refused connection, `timeoutMs`
 * without data (an idle timeout through an AbortSignal, so a slow but moving download of a large
 * file is not cut), a body shorter than its Content-Length, or bytes that are not gzip; the temp
 * file is deleted then.
 */
export async function downloadToTemp(options: DownloadFileOptions): Promise<Downloaded> {
  const { url, timeoutMs } = options;
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  const fail = (reason: string, extra: { status?: number; cause?: unknown } = {}) =>
    new DownloadError({ url, reason, ...extra });
  arm();
  let temp: TempFile | undefined;
  try {
    let response: Response;
    try {
      // identity: a server that adds Content-Encoding would otherwise have fetch un-gzip the file.
      response = await options.fetch(url, {
        signal: controller.signal,
        headers: { "accept-encoding": "identity" },
      });
    } catch (error) {
      throw timedOut
        ? fail(`timed out: no response for ${timeoutMs} ms`, { cause: error })
        : fail(`cannot connect (${describe(error)})`, { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw fail(`HTTP ${response.status} ${response.statusText}`.trim(), {
        status: response.status,
      });
    }
    const declared = response.headers.get("content-encoding")
      ? Number.NaN
      : Number(response.headers.get("content-length") ?? Number.NaN);
    const hashes = options.algorithms.map((a) => [a, createHash(a)] as const);
    temp = await createTemp(options.final);
    let bytes = 0;
    const reader = response.body!.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        if (bytes === 0 && value.length >= 2 && (value[0] !== 0x1f || value[1] !== 0x8b))
          throw fail(
            `the server sent bytes that are not gzip (they start ${JSON.stringify(new TextDecoder().decode(value.subarray(0, 16)))}); it is not serving the dataset file`,
          );
        for (const [, h] of hashes) h.update(value);
        await temp.handle.write(value);
        bytes += value.length;
      }
    } catch (error) {
      if (DownloadError.isInstance(error)) throw error;
      throw timedOut
        ? fail(`timed out: no data for ${timeoutMs} ms after ${bytes} bytes`, { cause: error })
        : fail(`the connection broke after ${bytes} bytes (${describe(error)})`, { cause: error });
    }
    if (Number.isFinite(declared) && bytes !== declared)
      throw fail(`truncated: received ${bytes} of the ${declared} bytes the server announced`);
    return {
      temp,
      bytes,
      digests: Object.fromEntries(hashes.map(([a, h]) => [a, h.digest("hex")])),
    };
  } catch (error) {
    if (temp !== undefined) await discard(temp);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

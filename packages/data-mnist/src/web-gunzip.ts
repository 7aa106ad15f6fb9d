import { IdxFormatError } from "./idx-format-error.js";

/** True when `bytes` start with the gzip magic `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The decompressed content of a gzip file as chunks, through the web platform's
 * `DecompressionStream` (no Node APIs). A corrupt, truncated or trailing-garbage stream is an
 * {@link IdxFormatError} naming `file`.
 */
export async function* gunzipChunks(bytes: Uint8Array, file: string): AsyncGenerator<Uint8Array> {
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  const reader = source.pipeThrough(new DecompressionStream("gzip")).getReader();
  let finished = false;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new IdxFormatError({
          file,
          reason: `corrupt gzip stream (${(error as Error).message}); fetch the file again`,
          cause: error,
        });
      }
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}

import { once } from "node:events";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip, type Gunzip, type ZlibOptions } from "node:zlib";
import { DatasetNotFoundError } from "../dataset-not-found-error.js";
import { IdxFormatError } from "../idx-format-error.js";

const READ_CHUNK = 1 << 20;
// zlib's output pieces and how much inflated data may wait for the decoder (enough that inflating,
// in libuv's thread pool, rarely waits for the main thread, which scales the pixels), and the
// slices the decoder takes with a turn of the event loop between them. Measured on the bench
// (Fashion-MNIST train, 2 cores): 1 MiB pieces in 64 KiB slices beat 256 KiB pieces taken whole
// by about 15%.
const INFLATE_CHUNK = 1 << 20;
const INFLATE_BUFFER = 1 << 23;
const SLICE = 1 << 16;

/**
 * Reads the file into one buffer of its exact size, piece by piece, and hands its (decompressed)
 * content to `use` as chunks while it reads: gzip (`1f 8b`) is inflated by a zlib stream in the
 * thread pool. `stored` is called with the whole file as soon as it has been read.
 */
export async function streamFile<T>(
  path: string,
  use: (chunks: AsyncIterable<Uint8Array>, gzipped: boolean) => Promise<T>,
  stored?: (bytes: Uint8Array, gzipped: boolean) => void,
): Promise<T> {
  const handle = await open(path, "r").catch((e: unknown) => {
    throw unreadable(path, e);
  });
  let gunzip: Gunzip | undefined;
  let stop = false;
  const done = new AbortController();
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw unreadable(path, Object.assign(new Error("EISDIR"), { code: "EISDIR" }));
    const buffer = new Uint8Array(info.size);
    const readPiece = async (at: number) =>
      (
        await handle
          .read(buffer, at, Math.min(READ_CHUNK, buffer.length - at), at)
          .catch((e: unknown) => {
            throw unreadable(path, e);
          })
      ).bytesRead;
    const first = buffer.length === 0 ? 0 : await readPiece(0);
    const gzipped = first >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
    async function* pieces(): AsyncGenerator<Uint8Array> {
      let at = 0;
      let n = first;
      while (n > 0 && !stop) {
        yield buffer.subarray(at, at + n);
        at += n;
        n = at < buffer.length ? await readPiece(at) : 0;
      }
      if (!stop) stored?.(buffer.subarray(0, at), gzipped);
    }
    if (!gzipped) return await use(pieces(), false);
    const inflate = createGunzip({
      chunkSize: INFLATE_CHUNK,
      highWaterMark: INFLATE_BUFFER,
    } as ZlibOptions);
    gunzip = inflate;
    const pump = (async () => {
      for await (const piece of pieces())
        if (!inflate.write(piece)) await once(inflate, "drain", { signal: done.signal });
      inflate.end();
    })();
    pump.catch((e: unknown) => inflate.destroy(e as Error));
    try {
      return await use(chunksOf(inflate), true);
    } catch (error) {
      if (IdxFormatError.isInstance(error) || DatasetNotFoundError.isInstance(error)) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && code.startsWith("Z_"))
        throw new IdxFormatError({
          file: path,
          offset: inflate.bytesWritten,
          reason: `corrupt gzip stream (${(error as Error).message}); delete the file and fetch it again`,
          cause: error,
        });
      throw unreadable(path, error);
    }
  } finally {
    stop = true;
    done.abort();
    gunzip?.destroy();
    await handle.close().catch(() => {});
  }
}

/**
 * A stream's chunks, one by one. (A Readable's own async iterator calls `read()`, which
 * concatenates everything buffered into one new Buffer — megabytes copied on the main thread
 * whenever the decoder falls behind the inflater.) Pauses the stream while `maxQueued` chunks wait.
 */
async function* chunksOf(stream: Readable, maxQueued = 8): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onData = (chunk: Uint8Array) => {
    queue.push(chunk);
    if (queue.length >= maxQueued) stream.pause();
    notify();
  };
  stream.on("data", onData);
  stream.once("end", () => {
    ended = true;
    notify();
  });
  stream.once("error", (error) => {
    failure = error;
    notify();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        if (stream.isPaused() && queue.length < maxQueued / 2) stream.resume();
        // Hand big chunks over in slices, with a turn of the event loop in between: zlib only
        // starts inflating its next piece from a callback on this thread, so a long stretch of
        // scaling here would leave the thread pool idle.
        for (let at = 0; at < next.length; at += SLICE) {
          if (at > 0) await new Promise((resolve) => setImmediate(resolve));
          yield next.subarray(at, at + SLICE);
        }
      } else if (failure !== undefined) throw failure;
      else if (ended) return;
      else
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
  } finally {
    stream.off("data", onData);
  }
}

function unreadable(path: string, error: unknown): DatasetNotFoundError {
  if (DatasetNotFoundError.isInstance(error)) return error;
  const code = (error as { code?: unknown }).code;
  return new DatasetNotFoundError({
    dataset: path,
    looked: [path],
    hint: `It cannot be read (${String(code ?? (error as Error).message)}${code === "EISDIR" ? ": a directory stands where the file should be" : ""}); replace it with the IDX file or point { dir } elsewhere.`,
    cause: error,
  });
}

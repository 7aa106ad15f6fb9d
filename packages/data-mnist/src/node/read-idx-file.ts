import { createHash, webcrypto } from "node:crypto";
import { once } from "node:events";
import { open, readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip, type Gunzip, type ZlibOptions } from "node:zlib";
import type { FileChecksums } from "../checksums.js";
import { DatasetNotFoundError } from "../dataset-not-found-error.js";
import { IdxFormatError } from "../idx-format-error.js";
import { type DecodedIdx, decodeIdxChunks } from "../idx-stream.js";
import { type ComputedDigests, gzAlgorithms, verifyDigests } from "../verify-digests.js";

/**
 * Options of {@link readIdxFile}.
 *
 * @example
 * ```ts
 * import { DEBIAN_DIRS } from "@backprop/data-mnist";
 * import { type ReadIdxFileOptions, readIdxFile } from "@backprop/data-mnist/node";
 * const options: ReadIdxFileOptions = {
 *   path: `${DEBIAN_DIRS["fashion-mnist"]}/t10k-labels-idx1-ubyte.gz`,
 *   pins: undefined, // unverified: the warning says so
 *   warn: () => {},
 * };
 * console.log((await readIdxFile(options)).type); // ubyte
 * ```
 */
export interface ReadIdxFileOptions {
  /** The file, gzipped (`1f 8b`) or raw IDX. */
  readonly path: string;
  /** Its pinned digests (`CHECKSUMS[name][file]`); none: it loads with a warning. */
  readonly pins: FileChecksums | undefined;
  /** Called with a sentence when the file has no pinned checksum. */
  readonly warn: (message: string) => void;
  /** `"raw"` (default): decoded values; `"unit"`: ubyte pixels as float32 in [0, 1]. */
  readonly as?: "raw" | "unit";
  /** Words for the warning, e.g. `"mnist's t10k-images-idx3-ubyte"` (default: the path). */
  readonly what?: string;
}

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
 * Reads, decompresses (when gzipped), decodes and verifies one IDX file in a single streaming
 * pass: inflating and hashing the stored bytes (Web Crypto) run in the thread pool while the main
 * thread writes the values into their final array. A pinned `.gz` digest verifies the file without
 * hashing the 47 MB of decompressed content; a file whose `.gz` matches no pin (recompressed) falls back to
 * the pinned sha256 of its content. Errors: {@link IdxFormatError} (corrupt gzip stream or IDX
 * content, with the byte offset), `ChecksumError`, {@link DatasetNotFoundError} (unreadable path).
 *
 * @example
 * ```ts
 * import { CHECKSUMS, DEBIAN_DIRS } from "@backprop/data-mnist";
 * import { readIdxFile } from "@backprop/data-mnist/node";
 * const labels = await readIdxFile({
 *   path: `${DEBIAN_DIRS["fashion-mnist"]}/t10k-labels-idx1-ubyte.gz`,
 *   pins: CHECKSUMS["fashion-mnist"]["t10k-labels-idx1-ubyte"],
 *   warn: console.warn,
 * });
 * console.log(labels.shape); // [ 10000 ]
 * ```
 */
export async function readIdxFile(options: ReadIdxFileOptions): Promise<DecodedIdx> {
  const { path, pins } = options;
  let storedDigests: Promise<ComputedDigests["gz"]> | undefined;
  let gzipped = false;
  let decoded: DecodedIdx;
  try {
    decoded = await streamFile(
      path,
      (chunks, isGz) => {
        gzipped = isGz;
        // Hash the content only when no .gz digest can vouch for it.
        const rawHash =
          pins?.raw !== undefined && !(isGz && gzAlgorithms(pins).length > 0)
            ? createHash("sha256")
            : undefined;
        return decodeIdxChunks(chunks, {
          file: path,
          ...(options.as === undefined ? {} : { as: options.as }),
          ...(rawHash === undefined ? {} : { observe: (c: Uint8Array) => rawHash.update(c) }),
        }).then((d) => ({ ...d, raw: rawHash?.digest("hex") }));
      },
      // Digest the stored bytes as soon as they are all read, in the thread pool, while the
      // rest of the file is still being inflated and decoded.
      (stored, isGz) => {
        if (!isGz) return;
        storedDigests = digestsOf(stored, gzAlgorithms(pins));
        storedDigests.catch(() => {}); // awaited below; a failed load must not leave it unhandled
      },
    );
  } catch (error) {
    // A pinned file that does not even decode (a truncated copy): the checksum is the authority.
    const algorithms = gzAlgorithms(pins);
    if (IdxFormatError.isInstance(error) && gzipped && algorithms.length > 0 && !pins?.raw) {
      const whole = new Uint8Array(await readFile(path));
      verifyDigests({
        file: path,
        pins,
        gzipped,
        digests: { gz: await digestsOf(whole, algorithms) },
      });
    }
    throw error;
  }
  const { raw, ...idx } = decoded as DecodedIdx & { raw?: string };
  let digests: ComputedDigests = {
    gz: (await storedDigests) ?? {},
    ...(raw === undefined ? {} : { raw }),
  };
  let verdict = verifyDigests({ file: path, pins, gzipped, digests });
  if (verdict === "need-raw") {
    // A recompressed copy (its .gz matches no pin): hash its content in a second pass.
    digests = { ...digests, raw: await contentSha256(path) };
    verdict = verifyDigests({ file: path, pins, gzipped, digests });
  }
  if (verdict === "unverified")
    options.warn(
      `${path}: no published checksum is known for ${options.what ?? "this file"}; loading it unverified`,
    );
  return idx;
}

/**
 * sha256 of a file's decompressed content, streaming (a corrupt gzip stream is an
 * {@link IdxFormatError}); also proves that a `.gz` decompresses completely.
 */
export async function contentSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  await streamFile(path, async (chunks) => {
    for await (const chunk of chunks) hash.update(chunk);
  });
  return hash.digest("hex");
}

/** sha256 through Web Crypto (it runs in libuv's thread pool, off the main thread), md5 inline. */
async function digestsOf(
  bytes: Uint8Array,
  algorithms: ReadonlyArray<"sha256" | "md5">,
): Promise<Partial<Record<"sha256" | "md5", string>>> {
  const entries = await Promise.all(
    algorithms.map(async (a) => {
      if (a === "md5") return [a, createHash("md5").update(bytes).digest("hex")] as const;
      const digest = await webcrypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
      return [a, Buffer.from(digest).toString("hex")] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Reads the file into one buffer of its exact size, piece by piece, and hands its (decompressed)
 * content to `use` as chunks while it reads: gzip (`1f 8b`) is inflated by a zlib stream in the
 * thread pool. `stored` is called with the whole file as soon as it has been read.
 */
async function streamFile<T>(
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

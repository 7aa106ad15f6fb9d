import { createHash, type Hash } from "node:crypto";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip, type ZlibOptions } from "node:zlib";
import type { FileChecksums } from "../checksums.js";
import { DatasetNotFoundError } from "../dataset-not-found-error.js";
import { IdxFormatError } from "../idx-format-error.js";
import { type DecodedIdx, decodeIdxChunks } from "../idx-stream.js";
import { type ComputedDigests, gzAlgorithms, verifyDigests } from "../verify-digests.js";

/** Options of {@link readIdxFile}. */
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
// zlib's output pieces, and how much decompressed data may wait for the decoder: big enough that
// inflating (in libuv's thread pool) never waits for the main thread, which scales the pixels.
const INFLATE_CHUNK = 1 << 18;
const INFLATE_BUFFER = 1 << 23;

/**
 * Reads, decompresses (when gzipped), decodes and verifies one IDX file in a single streaming
 * pass: inflating runs in the thread pool while the main thread hashes the stored bytes and writes
 * the values into their final array. A pinned `.gz` digest verifies the file without hashing the
 * 47 MB of decompressed content; a file whose `.gz` matches no pin (recompressed) falls back to
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
  const gzipped = await isGzipped(path);
  const algorithms = gzipped ? gzAlgorithms(pins) : [];
  // Hash the content only when no .gz digest can vouch for it.
  const hashRaw = pins?.raw !== undefined && algorithms.length === 0;
  const gzHashes = algorithms.map((a) => [a, createHash(a)] as const);
  const rawHash = hashRaw ? createHash("sha256") : undefined;
  let decoded: DecodedIdx;
  try {
    decoded = await withChunks(path, gzipped, gzHashes, (chunks) =>
      decodeIdxChunks(chunks, {
        file: path,
        ...(options.as === undefined ? {} : { as: options.as }),
        ...(rawHash === undefined ? {} : { observe: (c: Uint8Array) => rawHash.update(c) }),
      }),
    );
  } catch (error) {
    // A pinned file that does not even decode (a truncated copy): the checksum is the authority.
    if (IdxFormatError.isInstance(error) && algorithms.length > 0 && pins?.raw === undefined) {
      const gz = Object.fromEntries(
        await Promise.all(algorithms.map(async (a) => [a, await storedDigest(path, a)] as const)),
      );
      verifyDigests({ file: path, pins, gzipped, digests: { gz } }); // throws ChecksumError
    }
    throw error;
  }
  let digests: ComputedDigests = {
    gz: Object.fromEntries(gzHashes.map(([a, h]) => [a, h.digest("hex")])),
    ...(rawHash === undefined ? {} : { raw: rawHash.digest("hex") }),
  };
  let verdict = verifyDigests({ file: path, pins, gzipped, digests });
  if (verdict === "need-raw") {
    // A recompressed copy (its .gz matches no pin): hash its content in a second pass.
    digests = { ...digests, raw: await contentSha256(path, gzipped) };
    verdict = verifyDigests({ file: path, pins, gzipped, digests });
  }
  if (verdict === "unverified")
    options.warn(
      `${path}: no published checksum is known for ${options.what ?? "this file"}; loading it unverified`,
    );
  return decoded;
}

/**
 * sha256 of a file's decompressed content, streaming (a corrupt gzip stream is an
 * {@link IdxFormatError}); also proves that a `.gz` decompresses completely.
 */
export async function contentSha256(path: string, gzipped: boolean): Promise<string> {
  const hash = createHash("sha256");
  await withChunks(path, gzipped, [], async (chunks) => {
    for await (const chunk of chunks) hash.update(chunk);
  });
  return hash.digest("hex");
}

async function storedDigest(path: string, algorithm: "sha256" | "md5"): Promise<string> {
  const hash = createHash(algorithm);
  const handle = await open(path, "r");
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: READ_CHUNK }))
      hash.update(chunk as Buffer);
  } finally {
    await handle.close().catch(() => {});
  }
  return hash.digest("hex");
}

async function isGzipped(path: string): Promise<boolean> {
  const handle = await open(path, "r").catch((e: unknown) => {
    throw unreadable(path, e);
  });
  try {
    const magic = new Uint8Array(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0).catch((e: unknown) => {
      throw unreadable(path, e);
    });
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Streams the file's (decompressed) bytes to `use`, hashing the stored bytes on the way. */
async function withChunks<T>(
  path: string,
  gzipped: boolean,
  hashes: ReadonlyArray<readonly [string, Hash]>,
  use: (chunks: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<T> {
  const handle = await open(path, "r").catch((e: unknown) => {
    throw unreadable(path, e);
  });
  const read = handle.createReadStream({ highWaterMark: READ_CHUNK });
  if (hashes.length > 0)
    read.on("data", (chunk) => {
      for (const [, h] of hashes) h.update(chunk as Buffer);
    });
  let source: Readable = read;
  const gunzip = gzipped
    ? createGunzip({ chunkSize: INFLATE_CHUNK, highWaterMark: INFLATE_BUFFER } as ZlibOptions)
    : undefined;
  if (gunzip !== undefined) {
    read.on("error", (e) => gunzip.destroy(e));
    source = read.pipe(gunzip);
  }
  try {
    return await use(source as AsyncIterable<Uint8Array>);
  } catch (error) {
    if (IdxFormatError.isInstance(error) || DatasetNotFoundError.isInstance(error)) throw error;
    const code = (error as { code?: unknown }).code;
    if (gunzip !== undefined && typeof code === "string" && code.startsWith("Z_"))
      throw new IdxFormatError({
        file: path,
        offset: gunzip.bytesWritten,
        reason: `corrupt gzip stream (${(error as Error).message}); delete the file and fetch it again`,
        cause: error,
      });
    throw unreadable(path, error);
  } finally {
    read.destroy();
    gunzip?.destroy();
  }
}

function unreadable(path: string, error: unknown): DatasetNotFoundError {
  const code = (error as { code?: unknown }).code;
  return new DatasetNotFoundError({
    dataset: path,
    looked: [path],
    hint: `It cannot be read (${String(code ?? (error as Error).message)}${code === "EISDIR" ? ": a directory stands where the file should be" : ""}); replace it with the IDX file or point { dir } elsewhere.`,
    cause: error,
  });
}

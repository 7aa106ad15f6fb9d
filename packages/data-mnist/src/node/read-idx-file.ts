import { createHash, webcrypto } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { FileChecksums } from "../checksums.js";
import { IdxFormatError } from "../idx-format-error.js";
import { type DecodedIdx, decodeIdxChunks } from "../idx-stream.js";
import { type ComputedDigests, gzAlgorithms, verifyDigests } from "../verify-digests.js";
import { streamFile } from "./stream-file.js";

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

/**
 * Reads, decompresses (when gzipped), decodes and verifies one IDX file in a single streaming
 * pass: inflating and hashing the stored bytes (Web Crypto) run in the thread pool while the main
 * thread writes the values into their final array. A pinned `.gz` digest verifies the file without
 * hashing the 47 MB of decompressed content; a file whose `.gz` matches no pin (recompressed) falls back to
 * the pinned sha256 of its content. Errors: {@link IdxFormatError} (corrupt gzip stream or IDX
 * content, with the byte offset), `ChecksumError`, `DatasetNotFoundError` (unreadable path).
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

import type { FileChecksums } from "./checksums.js";
import { DownloadError } from "./download-error.js";
import type { IdxArray } from "./idx.js";
import { type LabeledImages, pairImagesAndLabels } from "./mnist-pair.js";
import { decodeVerified } from "./web-decode.js";

/**
 * Bytes of an IDX file, gzipped or raw, as the web platform hands them over.
 *
 * @example
 * ```ts
 * import { encodeIdx, type IdxSource, loadIdxPair } from "@backprop/data-mnist";
 * const images: IdxSource = new Response(encodeIdx({ type: "ubyte", shape: [1, 2, 2], data: new Uint8Array(4) }));
 * const labels: IdxSource = encodeIdx({ type: "ubyte", shape: [1], data: new Uint8Array([9]) }).buffer;
 * console.log((await loadIdxPair({ images, labels })).labels[0]); // 9
 * ```
 */
export type IdxSource = ArrayBuffer | Uint8Array | Response;

/**
 * Options of {@link loadIdxPair}.
 *
 * @example
 * ```ts
 * import { encodeIdx, type LoadIdxPairOptions, loadIdxPair } from "@backprop/data-mnist";
 * const options: LoadIdxPairOptions = {
 *   images: encodeIdx({ type: "ubyte", shape: [1, 2, 2], data: new Uint8Array(4) }),
 *   labels: encodeIdx({ type: "ubyte", shape: [1], data: new Uint8Array([2]) }),
 *   names: { images: "tiny-images", labels: "tiny-labels" },
 *   numClasses: 3,
 * };
 * console.log((await loadIdxPair(options)).count); // 1
 * ```
 */
export interface LoadIdxPairOptions {
  /** The image file (magic 2051), gzipped (`1f 8b`) or raw. */
  readonly images: IdxSource;
  /** The label file (magic 2049), gzipped or raw. */
  readonly labels: IdxSource;
  /** Names for error messages (default `"images"`, `"labels"`, or a Response's URL). */
  readonly names?: { readonly images?: string; readonly labels?: string };
  /** Pinned digests to check, e.g. `CHECKSUMS.mnist["t10k-images-idx3-ubyte"]` (default: none). */
  readonly checksums?: { readonly images?: FileChecksums; readonly labels?: FileChecksums };
  /** Labels must lie in `[0, numClasses)` (default 10). */
  readonly numClasses?: number;
}

/**
 * An MNIST-family image/label pair from bytes in memory — the browser path, with web APIs only:
 * gzipped input (it starts `1f 8b`) is decompressed with `DecompressionStream`, digests are
 * checked with `crypto.subtle` (md5 in TypeScript), and both files get the checks of
 * `parseIdx` and `pairImagesAndLabels`. Without `checksums` nothing is verified (the caller
 * vouches for the bytes); a mismatch is a `ChecksumError`, a fault an `IdxFormatError`, a
 * Response that is not ok a `DownloadError`.
 *
 * @example
 * ```ts
 * import { encodeIdx, loadIdxPair } from "@backprop/data-mnist";
 * const images = encodeIdx({ type: "ubyte", shape: [2, 28, 28], data: new Uint8Array(2 * 784) });
 * const labels = encodeIdx({ type: "ubyte", shape: [2], data: new Uint8Array([3, 8]) });
 * const pair = await loadIdxPair({ images: images.buffer, labels: new Response(labels) });
 * console.log(pair.count, pair.rows, Array.from(pair.labels)); // 2 28 [ 3, 8 ]
 * ```
 */
export async function loadIdxPair(options: LoadIdxPairOptions): Promise<LabeledImages> {
  const images = await readSource(options.images, options.names?.images ?? "images");
  const labels = await readSource(options.labels, options.names?.labels ?? "labels");
  const decode = async (source: { bytes: Uint8Array; name: string }, pins?: FileChecksums) =>
    (await decodeVerified({ bytes: source.bytes, file: source.name, pins, as: "raw" }))
      .decoded as IdxArray;
  return pairImagesAndLabels(
    await decode(images, options.checksums?.images),
    await decode(labels, options.checksums?.labels),
    {
      imagesFile: images.name,
      labelsFile: labels.name,
      ...(options.numClasses === undefined ? {} : { numClasses: options.numClasses }),
    },
  );
}

/** The bytes of a source (a Response must be ok: else a DownloadError naming its URL). */
export async function readSource(
  source: IdxSource,
  name: string,
): Promise<{ bytes: Uint8Array; name: string }> {
  if (source instanceof Uint8Array) return { bytes: source, name };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), name };
  const url = source.url === "" ? name : source.url;
  if (!source.ok)
    throw new DownloadError({
      url,
      reason: `HTTP ${source.status} ${source.statusText}`.trim(),
      status: source.status,
      hint: "Check the URL; the server must serve the file itself (and send CORS headers to a page on another origin).",
    });
  return {
    bytes: new Uint8Array(await source.arrayBuffer()),
    name: source.url === "" ? name : url,
  };
}

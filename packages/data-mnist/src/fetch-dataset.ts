import { InvalidOptionError } from "@backprop/errors";
import { CHECKSUMS, type DatasetChecksums, type DatasetName, IDX_FILES } from "./checksums.js";
import { InMemoryDataset } from "./dataset.js";
import { DownloadError } from "./download-error.js";
import type { IdxArray } from "./idx.js";
import { readSource } from "./load-idx-pair.js";
import { checkImageLabelPair } from "./mnist-pair.js";
import { decodeVerified } from "./web-decode.js";

/**
 * Options of {@link fetchDataset}.
 *
 * @example
 * ```ts
 * import type { FetchDatasetOptions } from "@backprop/data-mnist";
 * const options: FetchDatasetOptions = { baseUrl: "https://example.org/mnist/", name: "mnist", split: "test", timeoutMs: 10_000 };
 * console.log(options.split); // test
 * ```
 */
export interface FetchDatasetOptions {
  /** Where the `.gz` files are served, e.g. `"/data/mnist/"` (your own server: the upstream mirrors send no CORS headers). */
  readonly baseUrl: string | URL;
  readonly name: DatasetName;
  readonly split: "train" | "test";
  /** Pinned digests instead of `CHECKSUMS[name]` (files missing from the table load with a warning). */
  readonly checksums?: DatasetChecksums;
  /** A request that has not answered within this long is aborted (default 60 000 ms). */
  readonly timeoutMs?: number;
  /** The fetch to use (default the global `fetch`). */
  readonly fetch?: typeof globalThis.fetch;
  /** Called with a sentence when a file has no pinned checksum (default console.warn). */
  readonly warn?: (message: string) => void;
}

/**
 * Fetches one split (`<baseUrl>/<file>.gz`) and loads it with web APIs only — works in browsers,
 * workers and Node: verified against the pinned checksums (`crypto.subtle`; md5 in TypeScript for
 * KMNIST), gunzipped with `DecompressionStream`, pixels scaled to float32 [0, 1] as they are
 * decompressed. Errors: `DownloadError` (HTTP error or timeout, naming the URL), `ChecksumError`,
 * `IdxFormatError`.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { DEBIAN_DIRS, fetchDataset } from "@backprop/data-mnist";
 * // A page passes its server's URL: { baseUrl: new URL("/data/fashion-mnist/", location.href) }.
 * // Here a fetch that answers from Debian's files stands in for that server.
 * const fromDisk = async (url: string | URL | Request) =>
 *   new Response(await readFile(`${DEBIAN_DIRS["fashion-mnist"]}/${String(url).split("/").pop()}`));
 * const test = await fetchDataset({
 *   baseUrl: "https://data.example/fashion-mnist/",
 *   name: "fashion-mnist",
 *   split: "test",
 *   fetch: fromDisk as typeof fetch,
 * });
 * console.log(test.count); // 10000
 * ```
 */
export async function fetchDataset(options: FetchDatasetOptions): Promise<InMemoryDataset> {
  if (!Object.hasOwn(IDX_FILES, options.split))
    throw new InvalidOptionError({
      op: "fetchDataset",
      option: "split",
      value: options.split,
      expected: '"train" or "test"',
    });
  const files = IDX_FILES[options.split];
  if (!Object.hasOwn(CHECKSUMS, options.name))
    throw new InvalidOptionError({
      op: "fetchDataset",
      option: "name",
      value: options.name,
      expected: `one of ${Object.keys(CHECKSUMS).join(", ")}`,
    });
  const table = options.checksums ?? CHECKSUMS[options.name];
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const load = async (file: string, as: "raw" | "unit") => {
    const url = new URL(`${file}.gz`, options.baseUrl).href;
    const { decoded, verdict } = await decodeVerified({
      bytes: await get(url, options),
      file: url,
      pins: table[file],
      as,
    });
    if (verdict === "unverified")
      warn(
        `${url}: no published checksum is known for ${options.name}'s ${file}; loading it unverified`,
      );
    return decoded;
  };
  const images = await load(files.images, "unit");
  const labels = (await load(files.labels, "raw")) as IdxArray;
  const pair = checkImageLabelPair(images, labels, {
    imagesFile: `${files.images}.gz`,
    labelsFile: `${files.labels}.gz`,
  });
  return new InMemoryDataset({
    features: images.data as Float32Array,
    labels: pair.labels,
    featureShape: [pair.rows * pair.cols],
    numClasses: 10,
  });
}

/** The body of `url` (the timeout covers the headers and the body). */
async function get(url: string, options: FetchDatasetOptions): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const response = await (options.fetch ?? globalThis.fetch)(url, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    return (await readSource(response, url)).bytes;
  } catch (error) {
    if (DownloadError.isInstance(error)) throw error;
    const timedOut = (error as { name?: string }).name === "TimeoutError";
    throw new DownloadError({
      url,
      reason: timedOut
        ? `timed out: not complete within ${timeoutMs} ms`
        : `cannot fetch (${(error as Error).message})`,
      cause: error,
    });
  }
}

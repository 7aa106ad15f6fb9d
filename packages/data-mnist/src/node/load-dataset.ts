import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { InvalidOptionError } from "@backprop/errors";
import { ChecksumError } from "../checksum-error.js";
import { CHECKSUMS, type DatasetChecksums, type DatasetName, IDX_FILES } from "../checksums.js";
import { InMemoryDataset } from "../dataset.js";
import { DatasetNotFoundError } from "../dataset-not-found-error.js";
import type { IdxArray } from "../idx.js";
import { IdxFormatError } from "../idx-format-error.js";
import type { DecodedIdx } from "../idx-stream.js";
import { MIRRORS } from "../mirrors.js";
import { checkImageLabelPair, type LabeledImages } from "../mnist-pair.js";
import { resolveCacheDir } from "./cache-dir.js";
import { ensureCached } from "./ensure-cached.js";
import { withFileLock } from "./file-lock.js";
import { candidateDirs, findSplit } from "./find-split.js";
import { readIdxFile } from "./read-idx-file.js";

/**
 * Options of {@link loadDataset} and {@link loadLabeledImages}.
 *
 * @example
 * ```ts
 * import type { LoadDatasetOptions } from "@backprop/data-mnist/node";
 * // Fetch MNIST from its mirrors into /tmp/backprop-cache/mnist on first use (pass to loadDataset).
 * const options: LoadDatasetOptions = { name: "mnist", split: "test", download: true, cacheDir: "/tmp/backprop-cache" };
 * console.log(options.download); // true
 * ```
 */
export interface LoadDatasetOptions {
  readonly name: DatasetName;
  readonly split: "train" | "test";
  /** A directory holding the four standard IDX files (`.gz` or raw); tried first. */
  readonly dir?: string;
  /**
   * Download missing files from the dataset's mirrors into the cache (default false: nothing
   * reaches the network unless asked, as torchvision's `download=True`).
   */
  readonly download?: boolean;
  /** The cache directory (default `$BACKPROP_CACHE_DIR`, `$XDG_CACHE_HOME/backprop`, `~/.cache/backprop`). */
  readonly cacheDir?: string;
  /** Base URLs to download from, in order (default {@link MIRRORS}`[name]`). */
  readonly mirrors?: readonly string[];
  /**
   * Pinned digests to verify against instead of {@link CHECKSUMS}`[name]` (a private mirror of
   * other files, tests); a file missing from the table loads with a warning.
   */
  readonly checksums?: DatasetChecksums;
  /** A download that receives nothing for this long fails over to the next mirror (default 30 000 ms). */
  readonly timeoutMs?: number;
  /** A download lock not refreshed for this long is a dead process's and is taken over (default 10 000 ms, at least 2 000). */
  readonly lockStaleMs?: number;
  /** How long to wait for another process's download (default 600 000 ms). */
  readonly lockWaitMs?: number;
  /** The fetch to download with (default the global `fetch`). */
  readonly fetch?: typeof globalThis.fetch;
  /** Called with a sentence when a file has no pinned checksum or a mirror fails (default console.warn). */
  readonly warn?: (message: string) => void;
  /** Environment to read `BACKPROP_DATA_DIR`, `BACKPROP_CACHE_DIR`, `XDG_CACHE_HOME`, `HOME` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads one split of an MNIST-family dataset and checks it. The first directory holding both
 * files wins — `dir`, `$BACKPROP_DATA_DIR/<name>`, `$BACKPROP_DATA_DIR`, the directory a Debian
 * package installs (`/usr/share/datasets/fashion-mnist`), the cache `<cache>/<name>` — and with
 * `download: true` missing files are fetched into the cache (verified, atomic, locked). Pixels
 * become float32 in [0, 1], flattened to 784, decoded and scaled in one streaming pass.
 *
 * @example
 * ```ts
 * import { loadDataset } from "@backprop/data-mnist/node";
 * const test = await loadDataset({ name: "fashion-mnist", split: "test" });
 * console.log(test.count, test.featureShape); // 10000 [ 784 ]
 * // From the mirrors, into ~/.cache/backprop/mnist (once; later calls read the cache):
 * // const mnist = await loadDataset({ name: "mnist", split: "train", download: true });
 * ```
 */
export async function loadDataset(options: LoadDatasetOptions): Promise<InMemoryDataset> {
  const { images, labels } = await loadSplit(options, "unit");
  const pair = checkImageLabelPair(images, labels.idx, labels.names);
  return new InMemoryDataset({
    features: images.data as Float32Array,
    labels: pair.labels,
    featureShape: [pair.rows * pair.cols],
    numClasses: 10,
  });
}

/**
 * Like {@link loadDataset}, but the checked bytes: uint8 pixels and labels.
 *
 * @example
 * ```ts
 * import { loadLabeledImages } from "@backprop/data-mnist/node";
 * const raw = await loadLabeledImages({ name: "fashion-mnist", split: "test" });
 * console.log(raw.count, raw.rows, raw.cols, raw.images[0]); // 10000 28 28 0
 * ```
 */
export async function loadLabeledImages(options: LoadDatasetOptions): Promise<LabeledImages> {
  const { images, labels } = await loadSplit(options, "raw");
  const pair = checkImageLabelPair(images, labels.idx, labels.names);
  return { ...pair, images: images.data as Uint8Array };
}

interface Split {
  readonly images: DecodedIdx;
  readonly labels: {
    readonly idx: IdxArray;
    readonly names: { readonly imagesFile: string; readonly labelsFile: string };
  };
}

async function loadSplit(options: LoadDatasetOptions, as: "raw" | "unit"): Promise<Split> {
  validate(options);
  const { name } = options;
  const files = IDX_FILES[options.split];
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const table = options.checksums ?? CHECKSUMS[name];
  const cacheDir = resolveCacheDir({
    env,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  });
  const cache = join(cacheDir, name);
  const dirs = candidateDirs({ name, env, cache, ...(options.dir ? { dir: options.dir } : {}) });
  const found = await findSplit(dirs, files);
  let paths = found.paths;
  if (paths === undefined && options.download === true) {
    const fetchIt = (file: string) =>
      ensureCached({
        cacheDir,
        dataset: name,
        file,
        mirrors: options.mirrors ?? MIRRORS[name],
        pins: table[file],
        timeoutMs: options.timeoutMs ?? 30_000,
        lockStaleMs: options.lockStaleMs ?? 10_000,
        lockWaitMs: options.lockWaitMs ?? 600_000,
        fetch: options.fetch ?? globalThis.fetch,
        warn,
      });
    paths = { images: await fetchIt(files.images), labels: await fetchIt(files.labels) };
  }
  if (paths === undefined)
    throw new DatasetNotFoundError({
      dataset: `${name} (${options.split}: ${files.images}, ${files.labels})`,
      looked: found.looked,
      hint: `Pass { download: true } to fetch it from ${(options.mirrors ?? MIRRORS[name]).join(" or ")} into ${cache}, pass { dir }, or set BACKPROP_DATA_DIR${name === "fashion-mnist" ? " (or apt-get install dataset-fashion-mnist)" : ""}.`,
    });
  const read = async (path: string, file: string, mode: "raw" | "unit") => {
    const before = await stat(path).catch(() => undefined);
    try {
      return await readIdxFile({
        path,
        pins: table[file],
        warn,
        as: mode,
        what: `${name}'s ${file}`,
      });
    } catch (error) {
      // A cache entry that fails its checks is removed, so the next download: true fetches it anew.
      const bad = ChecksumError.isInstance(error) || IdxFormatError.isInstance(error);
      if (bad && path.startsWith(cache) && before !== undefined)
        await removeCacheEntry(path, before.ino, before.mtimeMs, options, warn);
      throw error;
    }
  };
  const images = await read(paths.images, files.images, as);
  const labels = await read(paths.labels, files.labels, "raw");
  return {
    images,
    labels: {
      idx: labels as IdxArray,
      names: { imagesFile: paths.images, labelsFile: paths.labels },
    },
  };
}

/** Deletes a corrupt cache file under its lock, unless another process has replaced it since. */
async function removeCacheEntry(
  path: string,
  ino: number,
  mtimeMs: number,
  options: LoadDatasetOptions,
  warn: (m: string) => void,
): Promise<void> {
  const lock = {
    staleMs: options.lockStaleMs ?? 10_000,
    waitMs: options.lockWaitMs ?? 600_000,
    onLost: warn,
  };
  await withFileLock(path, lock, async () => {
    const now = await stat(path).catch(() => undefined);
    if (now !== undefined && now.ino === ino && now.mtimeMs === mtimeMs) {
      await rm(path, { force: true });
      warn(
        `${path} failed its checks and was removed from the cache; load again with { download: true } to fetch it anew`,
      );
    }
  }).catch(() => {});
}

function validate(options: LoadDatasetOptions): void {
  const op = "loadDataset";
  if (!Object.hasOwn(MIRRORS, options.name))
    throw new InvalidOptionError({
      op,
      option: "name",
      value: options.name,
      expected: `one of ${Object.keys(MIRRORS)
        .map((n) => `"${n}"`)
        .join(", ")}`,
    });
  if (!Object.hasOwn(IDX_FILES, options.split))
    throw new InvalidOptionError({
      op,
      option: "split",
      value: options.split,
      expected: '"train" or "test"',
    });
  for (const option of ["timeoutMs", "lockStaleMs", "lockWaitMs"] as const) {
    const value = options[option];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw new InvalidOptionError({
        op,
        option,
        value,
        expected: "a finite number of milliseconds > 0",
      });
  }
}

// Node-only entry point (`@backprop/data-mnist/node`): datasets from directories on disk.
import { createHash } from "node:crypto";
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { ChecksumError } from "./checksum-error.js";
import { type DatasetName, DEBIAN_DIRS, IDX_FILES, RAW_SHA256 } from "./checksums.js";
import { InMemoryDataset } from "./dataset.js";
import { DatasetNotFoundError } from "./dataset-not-found-error.js";
import { parseIdx } from "./idx.js";
import { IdxFormatError } from "./idx-format-error.js";
import { type LabeledImages, pairImagesAndLabels } from "./mnist-pair.js";

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  readonly name: DatasetName;
  readonly split: "train" | "test";
  /** A directory holding the four standard IDX files (`.gz` or raw); tried first. */
  readonly dir?: string;
  /** Called with a sentence when a file has no pinned checksum (default: console.warn). */
  readonly warn?: (message: string) => void;
  /** Environment to read `BACKPROP_DATA_DIR` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads one split of an MNIST-family dataset from disk and checks it: the first directory that
 * holds both files wins — `dir`, then `$BACKPROP_DATA_DIR/<name>`, then `$BACKPROP_DATA_DIR`,
 * then the directory a Debian package installs (`/usr/share/datasets/fashion-mnist`). Files may be
 * gzipped (`.gz`) or raw; decompressed content is verified against the pinned sha256 where one is
 * known. Pixels become float32 in [0, 1], flattened to 784.
 *
 * @example
 * ```ts
 * import { loadDataset } from "@backprop/data-mnist/node";
 * const test = await loadDataset({ name: "fashion-mnist", split: "test" });
 * console.log(test.count); // 10000
 * ```
 */
export async function loadDataset(options: LoadDatasetOptions): Promise<InMemoryDataset> {
  return InMemoryDataset.fromImages(await loadLabeledImages(options));
}

/** Like {@link loadDataset}, but the raw checked bytes (uint8 pixels, labels). */
export async function loadLabeledImages(options: LoadDatasetOptions): Promise<LabeledImages> {
  const env = options.env ?? process.env;
  const files = IDX_FILES[options.split];
  const candidates = [
    options.dir,
    env.BACKPROP_DATA_DIR === undefined ? undefined : join(env.BACKPROP_DATA_DIR, options.name),
    env.BACKPROP_DATA_DIR,
    DEBIAN_DIRS[options.name],
  ].filter((d): d is string => d !== undefined);
  const looked: string[] = [];
  for (const dir of candidates) {
    const images = await findFile(dir, files.images);
    const labels = await findFile(dir, files.labels);
    looked.push(dir);
    if (images === undefined || labels === undefined) continue;
    const warn = options.warn ?? ((m: string) => console.warn(m));
    const imageBytes = await readIdxFile(images, options.name, files.images, warn);
    const labelBytes = await readIdxFile(labels, options.name, files.labels, warn);
    return pairImagesAndLabels(
      parseIdx(imageBytes, { file: images }),
      parseIdx(labelBytes, { file: labels }),
      {
        imagesFile: images,
        labelsFile: labels,
      },
    );
  }
  throw new DatasetNotFoundError({
    dataset: `${options.name} (${options.split}: ${files.images}, ${files.labels})`,
    looked,
    hint:
      options.name === "fashion-mnist"
        ? "Pass { dir }, set BACKPROP_DATA_DIR, or install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)."
        : "Pass { dir } or set BACKPROP_DATA_DIR to a directory with the four standard IDX files (.gz or raw).",
  });
}

async function findFile(dir: string, base: string): Promise<string | undefined> {
  for (const name of [`${base}.gz`, base]) {
    const path = join(dir, name);
    try {
      await access(path);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Reads, gunzips (when gzipped) and verifies one IDX file; returns its raw bytes. */
export async function readIdxFile(
  path: string,
  dataset: DatasetName,
  base: string,
  warn: (m: string) => void,
): Promise<Uint8Array> {
  const stored = new Uint8Array(await readFile(path));
  let raw = stored;
  if (stored[0] === 0x1f && stored[1] === 0x8b) {
    try {
      raw = new Uint8Array(gunzipSync(stored));
    } catch (error) {
      throw new IdxFormatError({
        file: path,
        offset: 0,
        reason: `corrupt gzip stream (${(error as Error).message}); delete the file and fetch it again`,
        cause: error,
      });
    }
  }
  const expected = RAW_SHA256[dataset]?.[base];
  if (expected === undefined) {
    warn(`${path}: no published checksum is known for ${dataset}'s ${base}; loading it unverified`);
  } else {
    const actual = createHash("sha256").update(raw).digest("hex");
    if (actual !== expected)
      throw new ChecksumError({ file: path, algorithm: "sha256 (decompressed)", expected, actual });
  }
  return raw;
}

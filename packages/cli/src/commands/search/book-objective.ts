// The `book` preset's objective module: what `backprop search --preset book` and `backprop
// worker --preset book` load in every worker process. `createObjective(args)` starts the wasm
// backend, loads the TRAINING split only (the test set is never seen during the search) and
// returns the book's objective with hpo's pruning callback on validation accuracy.
import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { loadDataset } from "@backprop/data-mnist/node";
import { type BookSearchSpace, bookSearchObjective } from "@backprop/experiments";
import { type Objective, pruningCallback, type SearchSpace, type Trial } from "@backprop/hpo";
import { initBackend } from "@backprop/tensor-core";
import type { Dataset } from "@backprop/trainer";
import type { DatasetChoice } from "../train/settings.js";

/** What the book preset's workers are given (JSON, through the study or the parent process). */
export interface BookPresetArgs {
  readonly seed: number;
  readonly full: boolean;
  readonly epochs?: number;
  readonly dataset: DatasetChoice;
  readonly dataDir?: string;
  /** A narrowing stage's ranges (hpo's search space of `lr` and `weight_decay`). */
  readonly space?: SearchSpace;
}

/** The training split of a dataset, as the search sees it (never the test split). */
export async function loadTrainSplit(
  dataset: DatasetChoice,
  dataDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Dataset> {
  if (dataset === "mnist-sample") return loadEmbeddedMnist({ split: "train" });
  return loadDataset({
    name: dataset,
    split: "train",
    download: false,
    env,
    ...(dataDir === undefined ? {} : { dir: dataDir }),
  });
}

function bookSpace(space: SearchSpace | undefined): BookSearchSpace | undefined {
  const lr = space?.lr;
  const wd = space?.weight_decay;
  if (lr?.type !== "float" || wd?.type !== "float") return undefined;
  return { lr: { low: lr.low, high: lr.high }, weight_decay: { low: wd.low, high: wd.high } };
}

/** The objective of the book preset (loaded by worker processes through hpo's `loadObjective`). */
export async function createObjective(args: BookPresetArgs): Promise<Objective> {
  await initBackend({ backend: "wasm" });
  const train = await loadTrainSplit(args.dataset, args.dataDir, process.env);
  const space = bookSpace(args.space);
  const objective = bookSearchObjective({
    train,
    seed: args.seed,
    full: args.full,
    ...(args.epochs === undefined ? {} : { settings: { epochs: args.epochs } }),
    ...(space === undefined ? {} : { space }),
    callbacks: (trial) => [
      pruningCallback(trial as unknown as Trial, { monitor: "validation.accuracy" }),
    ],
  });
  return (trial) => objective(trial);
}

import type { WeightInit } from "@backprop/init";
import type { ActivationName } from "@backprop/layers";
import type { OptimizerName } from "@backprop/optimizers";
import type { BackendName } from "@backprop/tensor-core";

/** The datasets `backprop` knows. */
export const DATASETS = ["mnist-sample", "mnist", "fashion-mnist", "kmnist"] as const;
export type DatasetChoice = (typeof DATASETS)[number];

export const ACTIVATIONS: readonly ActivationName[] = ["relu", "sigmoid", "tanh", "leakyRelu"];
export const OPTIMIZERS: readonly OptimizerName[] = [
  "sgd",
  "momentum",
  "nesterov",
  "adagrad",
  "rmsprop",
  "adam",
  "adamw",
];
export const INITS = [
  "he",
  "xavier",
  "relu",
  "sigmoid",
  "glorotNormal",
  "glorotUniform",
  "heNormal",
  "heUniform",
  "lecunNormal",
  "lecunUniform",
  "torchLinear",
] as const;

/** A learning-rate schedule as the command line spells it. */
export type ScheduleSetting =
  | { readonly kind: "none" }
  | { readonly kind: "step"; readonly every: number; readonly factor: number }
  | { readonly kind: "exp"; readonly rate: number }
  | { readonly kind: "cosine"; readonly minLr: number }
  | { readonly kind: "plateau"; readonly patience: number; readonly factor: number };

/** Everything that defines a training run: JSON, stored in its checkpoints (resume reads it back). */
export interface TrainSettings {
  readonly dataset: DatasetChoice;
  readonly dataDir: string | null;
  readonly download: boolean;
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  readonly init: WeightInit;
  readonly batchNorm: boolean;
  readonly dropout: number;
  readonly weightDecay: number;
  readonly optimizer: OptimizerName;
  /** Options of the optimizer (lr, momentum, beta1, …), only those given. */
  readonly optimizerOptions: Readonly<Record<string, number>>;
  readonly schedule: ScheduleSetting;
  readonly epochs: number;
  readonly batchSize: number;
  readonly validationSplit: number;
  readonly earlyStopping: number | null;
  readonly evaluationSample: number | null;
  readonly mode: "epoch" | "book";
  readonly seed: number;
  readonly backend: BackendName;
}

/** Settings a resumed run may change (the rest come from the checkpoint). */
export const RESUMABLE: readonly string[] = ["epochs", "backend", "dataDir", "download"];

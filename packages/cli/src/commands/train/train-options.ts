import type { WeightInit } from "@backprop/init";
import type { ActivationName } from "@backprop/layers";
import type { OptimizerName } from "@backprop/optimizers";
import type { BackendName } from "@backprop/tensor-core";
import { Command, InvalidArgumentError, Option } from "commander";
import { schedule } from "../../options/schedule.js";
import { fraction, integer, number, sizes } from "../../options/values.js";
import {
  ACTIVATIONS,
  DATASETS,
  type DatasetChoice,
  INITS,
  OPTIMIZERS,
  type ScheduleSetting,
  type TrainSettings,
} from "./settings.js";

/** The parsed options of `backprop train`, as commander hands them over. */
export interface TrainFlags {
  readonly dataset: DatasetChoice;
  readonly dataDir?: string;
  readonly download: boolean;
  readonly hidden: number[];
  readonly activation: ActivationName;
  readonly init: WeightInit;
  readonly batchNorm: boolean;
  readonly dropout: number;
  readonly weightDecay: number;
  readonly optimizer: OptimizerName;
  readonly lr?: number;
  readonly momentum?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  readonly clipNorm?: number;
  readonly schedule: ScheduleSetting;
  readonly epochs: number;
  readonly batchSize: number;
  readonly validationSplit: number;
  readonly earlyStopping?: number;
  readonly evalSample?: number;
  readonly mode: "epoch" | "book";
  readonly seed: number;
  readonly backend: BackendName;
  readonly out?: string;
  readonly resume?: string;
  readonly json: boolean;
  readonly progress: boolean;
}

function init(text: string): WeightInit {
  if ((INITS as readonly string[]).includes(text)) return text as WeightInit;
  const std = Number(text);
  if (text.trim() !== "" && Number.isFinite(std) && std > 0) return std;
  throw new InvalidArgumentError(
    `Expected a standard deviation > 0 or one of ${INITS.join(", ")}.`,
  );
}

/** `backprop train` with its options (commander parses and checks every value). */
export function trainProgram(): Command {
  return new Command("train")
    .description(
      "train a network and write a report: history, metrics, checkpoint, plots (SVG + PNG) and report.html",
    )
    .addOption(new Option("--dataset <name>", "the data").choices(DATASETS).default("mnist-sample"))
    .option("--data-dir <dir>", "a directory with the four IDX files (.gz or raw) of the dataset")
    .option(
      "--download",
      "fetch missing dataset files from the mirrors into the cache (verified)",
      false,
    )
    .addOption(
      new Option("--hidden <sizes>", "hidden layer sizes, comma-separated")
        .argParser(sizes)
        .default([100, 100], "100,100"),
    )
    .addOption(
      new Option("--activation <name>", "hidden activation").choices(ACTIVATIONS).default("relu"),
    )
    .option(
      "--init <init>",
      `weight init: ${INITS.join(", ")} or a standard deviation (the book's 0.01)`,
      init,
      "he",
    )
    .option("--batch-norm", "BatchNorm after every hidden affine layer", false)
    .option("--dropout <ratio>", "dropout ratio after every hidden activation", fraction, 0)
    .option(
      "--weight-decay <lambda>",
      "L2 weight decay λ (loss + ½λ‖W‖²)",
      number({ inclusive: true }),
      0,
    )
    .addOption(new Option("--optimizer <name>", "update rule").choices(OPTIMIZERS).default("adam"))
    .option(
      "--lr <rate>",
      "learning rate (default: the optimizer's, e.g. 0.001 for adam)",
      number(),
    )
    .option("--momentum <m>", "momentum (momentum, nesterov)", number({ inclusive: true, max: 1 }))
    .option("--beta1 <b>", "Adam's β1", number({ inclusive: true, max: 1 }))
    .option("--beta2 <b>", "Adam's β2", number({ inclusive: true, max: 1 }))
    .option("--eps <e>", "the optimizer's ε", number())
    .option("--clip-norm <n>", "clip gradients to this global L2 norm", number())
    .option(
      "--schedule <spec>",
      "lr schedule: none, step:EVERY[:FACTOR], exp:RATE, cosine[:MIN_LR], plateau[:PATIENCE[:FACTOR]]",
      schedule,
      { kind: "none" },
    )
    .option("--epochs <n>", "epochs (with --resume: the total to reach)", integer(1), 10)
    .option("--batch-size <n>", "mini-batch size", integer(1), 100)
    .option(
      "--validation-split <f>",
      "fraction of the training data held out for validation (seeded, stratified; 0: none)",
      fraction,
      0.1,
    )
    .option(
      "--early-stopping <patience>",
      "stop after this many epochs without a better validation accuracy, keeping the best weights",
      integer(0),
    )
    .option(
      "--eval-sample <n>",
      "score each set on a random sample of n rows per epoch (the book's evaluate_sample_num_per_epoch)",
      integer(1),
    )
    .addOption(
      new Option(
        "--mode <mode>",
        "epoch: every row once per epoch; book: the book's Trainer (batches drawn with replacement)",
      )
        .choices(["epoch", "book"])
        .default("epoch"),
    )
    .option("--seed <n>", "seed of every random choice of the run", integer(0), 0)
    .addOption(
      new Option("--backend <name>", "tensor backend")
        .choices(["wasm", "reference"])
        .default("wasm"),
    )
    .option("--out <dir>", "report directory (default runs/<dataset>-<date>-<time>)")
    .option(
      "--resume <checkpoint>",
      "continue a run from its last.safetensors (settings come from the checkpoint)",
    )
    .option(
      "--json",
      "print one JSON object on stdout at the end (human output goes to stderr)",
      false,
    )
    .option("--no-progress", "no live progress bar, even on a terminal");
}

/** The run's settings from the parsed flags. */
export function settingsFromFlags(flags: TrainFlags): TrainSettings {
  const optimizerOptions: Record<string, number> = {};
  for (const key of ["lr", "momentum", "beta1", "beta2", "eps", "clipNorm"] as const) {
    const value = flags[key];
    if (value !== undefined) optimizerOptions[key] = value;
  }
  return {
    dataset: flags.dataset,
    dataDir: flags.dataDir ?? null,
    download: flags.download,
    hidden: flags.hidden,
    activation: flags.activation,
    init: flags.init,
    batchNorm: flags.batchNorm,
    dropout: flags.dropout,
    weightDecay: flags.weightDecay,
    optimizer: flags.optimizer,
    optimizerOptions,
    schedule: flags.schedule,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    validationSplit: flags.validationSplit,
    earlyStopping: flags.earlyStopping ?? null,
    evaluationSample: flags.evalSample ?? null,
    mode: flags.mode,
    seed: flags.seed,
    backend: flags.backend,
  };
}

/** Which settings flags were typed on the command line (not defaults). */
export function explicitSettings(command: Command): string[] {
  const map: Record<string, string> = { evalSample: "evaluationSample" };
  return command.options
    .map((o) => o.attributeName())
    .filter((name) => command.getOptionValueSource(name) === "cli")
    .map((name) => map[name] ?? name);
}

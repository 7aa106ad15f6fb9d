import { initBackend } from "@backprop/tensor-core";
import { confusionMatrix, evaluate } from "@backprop/trainer";
import { Command, Option } from "commander";
import { type CliIo, humanOut } from "../cli-io.js";
import { loadTrainTest } from "./data.js";
import { loadNetwork } from "./load-network.js";
import { perClassAccuracy } from "./train/report.js";
import { DATASETS, type DatasetChoice } from "./train/settings.js";

interface EvaluateFlags {
  readonly dataset?: DatasetChoice;
  readonly dataDir?: string;
  readonly download: boolean;
  readonly split: "train" | "test";
  readonly backend: "wasm" | "reference";
  readonly json: boolean;
}

/** `backprop evaluate CHECKPOINT`. */
export function evaluateProgram(io: CliIo, done: (code: number) => void): Command {
  return new Command("evaluate")
    .description(
      "accuracy, per-class accuracy and the confusion matrix of a checkpoint or model file",
    )
    .argument(
      "<checkpoint>",
      "last.safetensors / best.safetensors of a run, or a model.safetensors",
    )
    .addOption(new Option("--dataset <name>", "the data (default: the run's)").choices(DATASETS))
    .option("--data-dir <dir>", "a directory with the four IDX files of the dataset")
    .option("--download", "fetch missing dataset files from the mirrors into the cache", false)
    .addOption(
      new Option("--split <split>", "which split").choices(["train", "test"]).default("test"),
    )
    .addOption(
      new Option("--backend <name>", "tensor backend")
        .choices(["wasm", "reference"])
        .default("wasm"),
    )
    .option("--json", "print one JSON object on stdout (human output goes to stderr)", false)
    .action(async (file: string, flags: EvaluateFlags) => done(await runEvaluate(file, flags, io)));
}

/** A fixed-width text table of a confusion matrix (rows: true class, columns: predicted). */
export function matrixTable(matrix: readonly (readonly number[])[]): string {
  const width = Math.max(4, ...matrix.flat().map((v) => String(v).length + 1));
  const cell = (v: string | number) => String(v).padStart(width);
  const head = `${"true\\pred".padEnd(9)}${matrix.map((_, c) => cell(c)).join("")}`;
  const rows = matrix.map((row, r) => `${String(r).padEnd(9)}${row.map(cell).join("")}`);
  return [head, ...rows].join("\n");
}

async function runEvaluate(file: string, flags: EvaluateFlags, io: CliIo): Promise<number> {
  const say = humanOut(io, flags.json);
  await initBackend({ backend: flags.backend });
  const { model, settings } = await loadNetwork(file, flags.backend);
  const dataset = flags.dataset ?? settings?.dataset ?? "mnist-sample";
  const data = await loadTrainTest(
    {
      dataset,
      dataDir: flags.dataDir ?? (flags.dataset === undefined ? (settings?.dataDir ?? null) : null),
      download: flags.download,
    },
    io,
  );
  const rows = flags.split === "train" ? data.train : data.test;
  const result = evaluate(model, rows);
  const classes = model.params.get([...model.params.keys()].at(-1)!)!.shape[0]!;
  const matrix = confusionMatrix(result.labels, result.predictions, classes);
  const perClass = perClassAccuracy(matrix);
  say(`${file} on ${dataset} ${flags.split} (${result.count} images)\n`);
  say(
    `accuracy ${(100 * result.accuracy).toFixed(2)}%  loss ${result.loss.toFixed(4)}\n\nper class:\n`,
  );
  say(
    `${perClass.map((a, c) => `  ${c}: ${(100 * a).toFixed(2)}%`).join("\n")}\n\nconfusion matrix:\n${matrixTable(matrix)}\n`,
  );
  if (flags.json) {
    io.stdout(
      `${JSON.stringify({ command: "evaluate", checkpoint: file, dataset, split: flags.split, count: result.count, accuracy: result.accuracy, loss: result.loss, perClassAccuracy: perClass, confusionMatrix: matrix, backend: flags.backend })}\n`,
    );
  }
  model.dispose();
  return 0;
}

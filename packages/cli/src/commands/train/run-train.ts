import { dirname, join, resolve } from "node:path";
import { InvalidOptionError } from "@backprop/errors";
import { initBackend } from "@backprop/tensor-core";
import {
  type Callback,
  earlyStopping,
  evaluate,
  fit,
  type LoadedCheckpoint,
  modelCheckpoint,
  terminateOnNaN,
} from "@backprop/trainer";
import { directoryWriter, loadCheckpoint } from "@backprop/trainer/node";
import type { Command } from "commander";
import { type CliIo, humanOut } from "../../cli-io.js";
import { loadTrainTest } from "../data.js";
import { buildModel, buildOptimizer, describeSchedule, scheduleCallback } from "./build.js";
import { progressDisplay } from "./progress-display.js";
import { runMetrics, writeTrainingReport } from "./report.js";
import { RESUMABLE, type TrainSettings } from "./settings.js";
import { explicitSettings, settingsFromFlags, type TrainFlags } from "./train-options.js";

const OP = "backprop train";
const CLASSES = 10;

/** Options that only some optimizers read: giving them to another one is a mistake worth naming. */
const OPTIMIZER_ONLY: Record<string, readonly string[]> = {
  momentum: ["momentum", "nesterov"],
  beta1: ["adam", "adamw"],
  beta2: ["adam", "adamw"],
};

function checkOptimizerOptions(settings: TrainSettings): void {
  for (const [option, owners] of Object.entries(OPTIMIZER_ONLY)) {
    if (settings.optimizerOptions[option] !== undefined && !owners.includes(settings.optimizer)) {
      throw new InvalidOptionError({
        op: OP,
        option: `--${option}`,
        value: settings.optimizerOptions[option],
        expected: `not given with --optimizer ${settings.optimizer} (only ${owners.join(" and ")} read it)`,
      });
    }
  }
}

function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** Settings and starting point: fresh from the flags, or from a checkpoint with `--resume`. */
async function prepare(flags: TrainFlags, command: Command) {
  if (flags.resume === undefined)
    return { settings: settingsFromFlags(flags), checkpoint: undefined };
  const given = explicitSettings(command).filter(
    (name) => !["resume", "out", "json", "progress"].includes(name),
  );
  const fixed = given.filter((name) => !RESUMABLE.includes(name));
  if (fixed.length > 0) {
    throw new InvalidOptionError({
      op: OP,
      option: `--${fixed[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      value: "given",
      expected: `not given with --resume (the checkpoint fixes the run's ${fixed.join(", ")}; only --epochs, --backend, --data-dir and --download may change)`,
    });
  }
  // The checkpoint's tensors go back onto the backend they were saved from (or --backend's).
  await initBackend({ backend: given.includes("backend") ? flags.backend : "wasm" });
  const checkpoint: LoadedCheckpoint = await loadCheckpoint(
    flags.resume,
    given.includes("backend") ? { backend: flags.backend } : {},
  );
  const saved = checkpoint.config as TrainSettings | null;
  if (saved === null || typeof saved !== "object" || saved.dataset === undefined) {
    throw new InvalidOptionError({
      op: OP,
      option: "--resume",
      value: flags.resume,
      expected: "a checkpoint written by backprop train (this one has no run settings)",
    });
  }
  const settings: TrainSettings = {
    ...saved,
    epochs: given.includes("epochs") ? flags.epochs : saved.epochs,
    backend: given.includes("backend") ? flags.backend : saved.backend,
    ...(given.includes("dataDir") ? { dataDir: flags.dataDir ?? null } : {}),
    ...(given.includes("download") ? { download: flags.download } : {}),
  };
  if (settings.epochs <= checkpoint.state.epoch) {
    throw new InvalidOptionError({
      op: OP,
      option: "--epochs",
      value: settings.epochs,
      expected: `more than the ${checkpoint.state.epoch} epochs the checkpoint has done`,
    });
  }
  return { settings, checkpoint };
}

/**
 * `backprop train`: loads the data, builds (or resumes) the network and optimizer, trains with a
 * live progress display and a checkpoint per epoch (`last.safetensors`, `best.safetensors`),
 * evaluates on the test split, writes the report and prints a summary (or one JSON object).
 */
export async function runTrain(flags: TrainFlags, command: Command, io: CliIo): Promise<number> {
  const say = humanOut(io, flags.json);
  const { settings, checkpoint } = await prepare(flags, command);
  checkOptimizerOptions(settings);
  const backend = await initBackend({ backend: settings.backend });
  const data = await loadTrainTest(settings, io);
  const inputSize = data.train.featureShape.reduce((a, b) => a * b, 1);
  const model = checkpoint?.model ?? buildModel(settings, inputSize, CLASSES);
  const optimizer = checkpoint?.optimizer ?? buildOptimizer(settings);
  const out = resolve(
    flags.out ??
      (flags.resume === undefined
        ? join("runs", `${settings.dataset}-${stamp(new Date())}`)
        : dirname(flags.resume)),
  );
  const simd = backend.backend === "wasm" ? ` (SIMD ${backend.wasm?.simd ? "on" : "off"})` : "";
  say(`${data.description}\n`);
  say(
    `network ${[inputSize, ...settings.hidden, CLASSES].join("-")} ${settings.activation}, init ${settings.init}` +
      `${settings.batchNorm ? ", BatchNorm" : ""}${settings.dropout > 0 ? `, dropout ${settings.dropout}` : ""}` +
      `${settings.weightDecay > 0 ? `, weight decay ${settings.weightDecay}` : ""}; ${settings.optimizer} lr ${optimizer.lr}` +
      `, ${describeSchedule(settings.schedule)}; ${settings.backend} backend${simd}\n`,
  );
  if (checkpoint !== undefined)
    say(`resuming ${flags.resume} after epoch ${checkpoint.state.epoch}\n`);

  const validates = settings.validationSplit > 0;
  const stopper =
    settings.earlyStopping === null || !validates
      ? undefined
      : earlyStopping({
          monitor: "validation.accuracy",
          patience: settings.earlyStopping,
          restoreBest: true,
        });
  const display = progressDisplay(flags.progress ? io : { ...io, progressStream: undefined }, say);
  const callbacks: Callback[] = [
    terminateOnNaN(),
    ...scheduleCallback(settings.schedule),
    ...(stopper === undefined ? [] : [stopper]),
    modelCheckpoint({
      writer: directoryWriter(out),
      monitor: validates ? "validation.accuracy" : "loss",
      config: settings,
    }),
    display,
  ];
  let result: Awaited<ReturnType<typeof fit>>;
  try {
    result = await fit({
      model,
      optimizer,
      train: data.train,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      seed: settings.seed,
      mode: settings.mode,
      ...(validates ? { validationSplit: settings.validationSplit } : {}),
      ...(settings.evaluationSample === null
        ? {}
        : { evaluationSample: settings.evaluationSample }),
      callbacks,
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      ...(checkpoint === undefined ? {} : { resume: checkpoint.state }),
    });
  } finally {
    display.close();
  }
  if (result.stopReason === "aborted")
    say("interrupted: the last finished epoch is in last.safetensors (resume with --resume)\n");
  if (result.stopMessage !== undefined) say(`${result.stopMessage}\n`);

  const testEvaluation = evaluate(model, data.test);
  const metrics = runMetrics(result.history, testEvaluation, CLASSES, stopper?.bestEpoch ?? null);
  const pct = (v: number | null) => (v === null ? "–" : `${(100 * v).toFixed(2)}%`);
  const html = await writeTrainingReport({
    dir: out,
    title: `backprop train · ${settings.dataset}`,
    subtitle: `${[inputSize, ...settings.hidden, CLASSES].join("-")} ${settings.activation} · ${settings.optimizer} · seed ${settings.seed}`,
    summary: [
      ["test accuracy", pct(metrics.testAccuracy)],
      ["train accuracy", pct(metrics.trainAccuracy)],
      ...(metrics.validationAccuracy === null
        ? []
        : [["validation accuracy", pct(metrics.validationAccuracy)] as const]),
      ["epochs", metrics.epochs],
      ["iterations", metrics.iterations],
      ["samples/s", Math.round(metrics.samplesPerSecond).toLocaleString("en-US")],
      ["backend", settings.backend],
      ["seed", settings.seed],
    ],
    history: result.history,
    metrics,
    model,
    test: data.test,
    testEvaluation,
    images: inputSize === 784,
    classNames: data.classNames,
    settings,
  });
  say(`test accuracy ${pct(metrics.testAccuracy)} (${data.test.count} images)\n`);
  say(`report: ${html}\n`);
  if (flags.json) {
    io.stdout(
      `${JSON.stringify({
        command: "train",
        dataset: settings.dataset,
        trainAccuracy: metrics.trainAccuracy,
        testAccuracy: metrics.testAccuracy,
        ...(metrics.validationAccuracy === null
          ? {}
          : { validationAccuracy: metrics.validationAccuracy }),
        epochs: metrics.epochs,
        iterations: metrics.iterations,
        samplesPerSecond: metrics.samplesPerSecond,
        seed: settings.seed,
        backend: settings.backend,
        stopReason: result.stopReason,
        report: html,
        checkpoint: join(out, "last.safetensors"),
        perClassAccuracy: metrics.perClassAccuracy,
      })}\n`,
    );
  }
  model.dispose();
  optimizer.dispose();
  return result.stopReason === "aborted" ? 130 : 0;
}

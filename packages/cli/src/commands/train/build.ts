import { multiLayerNet, type Sequential } from "@backprop/layers";
import { type AnyOptimizerOptions, createOptimizer, type Optimizer } from "@backprop/optimizers";
import { deriveRng } from "@backprop/random";
import {
  type Callback,
  cosineDecay,
  exponentialDecay,
  reduceLROnPlateau,
  stepDecay,
} from "@backprop/trainer";
import type { ScheduleSetting, TrainSettings } from "./settings.js";

/** The network of a run: the book's MultiLayerNet shape with the run's options. */
export function buildModel(
  settings: TrainSettings,
  inputSize: number,
  classes: number,
): Sequential {
  return multiLayerNet({
    inputSize,
    hiddenSizes: settings.hidden,
    outputSize: classes,
    activation: settings.activation,
    weightInit: settings.init,
    batchNorm: settings.batchNorm,
    dropout: settings.dropout,
    weightDecay: settings.weightDecay,
    rng: deriveRng(settings.seed, "init"),
    backend: settings.backend,
  });
}

/** The run's optimizer. */
export function buildOptimizer(settings: TrainSettings): Optimizer {
  return createOptimizer(settings.optimizer, settings.optimizerOptions as AnyOptimizerOptions);
}

/** The learning-rate callback of a schedule (none for `"none"`). */
export function scheduleCallback(schedule: ScheduleSetting): Callback[] {
  switch (schedule.kind) {
    case "step":
      return [stepDecay({ every: schedule.every, factor: schedule.factor })];
    case "exp":
      return [exponentialDecay({ rate: schedule.rate })];
    case "cosine":
      return [cosineDecay({ minLr: schedule.minLr })];
    case "plateau":
      return [reduceLROnPlateau({ patience: schedule.patience, factor: schedule.factor })];
    default:
      return [];
  }
}

/** How the command line writes a schedule, for summaries. */
export function describeSchedule(schedule: ScheduleSetting): string {
  switch (schedule.kind) {
    case "step":
      return `step (×${schedule.factor} every ${schedule.every} epochs)`;
    case "exp":
      return `exponential (×${schedule.rate} per epoch)`;
    case "cosine":
      return `cosine (to ${schedule.minLr})`;
    case "plateau":
      return `on plateau (×${schedule.factor} after ${schedule.patience} epochs)`;
    default:
      return "constant";
  }
}

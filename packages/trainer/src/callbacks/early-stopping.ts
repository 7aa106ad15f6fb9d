import { InvalidOptionError } from "@backprop/errors";
import { loadModelTensors, modelTensors, type SafetensorsEntry } from "@backprop/layers";
import { asSequential } from "../as-sequential.js";
import type { Callback, CallbackState, EpochLogs, TrainingControl } from "../types.js";
import { type MonitorMode, monitor } from "./monitor.js";

/**
 * Options of {@link earlyStopping}.
 *
 * @example
 * ```ts
 * import { earlyStopping, type EarlyStoppingOptions } from "@backprop/trainer";
 * const options: EarlyStoppingOptions = { monitor: "validation.loss", patience: 5, minDelta: 1e-3 };
 * console.log(earlyStopping(options).best); // null
 * ```
 */
export interface EarlyStoppingOptions {
  /** The metric to watch (default `"validation.loss"`, or `"loss"` without validation data). */
  readonly monitor?: string;
  readonly mode?: MonitorMode;
  /** Epochs without improvement to wait before stopping (default 0, as in Keras). */
  readonly patience?: number;
  /** An improvement must beat the best by more than this (default 0). */
  readonly minDelta?: number;
  /** At the end, put back the weights of the best epoch (default false; needs a layers `Sequential`). */
  readonly restoreBest?: boolean;
  /** Checkpoint key (default `"earlyStopping"`). */
  readonly name?: string;
}

/**
 * Stops a run when the monitored metric has not improved for `patience` epochs, and optionally
 * restores the best epoch's weights at the end. Its state (best value, wait count, best weights)
 * goes into checkpoints, so a resumed run stops where an uninterrupted one would.
 *
 * @example
 * ```ts
 * import { earlyStopping } from "@backprop/trainer";
 * const stopper = earlyStopping({ monitor: "validation.accuracy", patience: 3, restoreBest: true });
 * console.log(stopper.name); // earlyStopping
 * ```
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): Callback & {
  readonly bestEpoch: number | null;
  readonly best: number | null;
} {
  const op = "earlyStopping";
  const patience = options.patience ?? 0;
  const minDelta = options.minDelta ?? 0;
  if (!Number.isSafeInteger(patience) || patience < 0)
    throw new InvalidOptionError({
      op,
      option: "patience",
      value: patience,
      expected: "an integer >= 0",
    });
  if (!(minDelta >= 0))
    throw new InvalidOptionError({
      op,
      option: "minDelta",
      value: minDelta,
      expected: "a number >= 0",
    });
  const watched = monitor(op, options.monitor, options.mode);
  let best: number | null = null;
  let bestEpoch: number | null = null;
  let wait = 0;
  let weights: Map<string, SafetensorsEntry> | undefined;
  return {
    name: options.name ?? "earlyStopping",
    get best() {
      return best;
    },
    get bestEpoch() {
      return bestEpoch;
    },
    onTrainBegin(control: TrainingControl) {
      if (options.restoreBest) asSequential(op, control.model);
    },
    onEpochEnd(logs: EpochLogs, control: TrainingControl) {
      const value = watched.read(logs);
      if (watched.improves(value, best, minDelta)) {
        best = value;
        bestEpoch = logs.epoch;
        wait = 0;
        if (options.restoreBest) weights = modelTensors(asSequential(op, control.model));
        return;
      }
      wait++;
      if (wait >= patience)
        control.stop(
          `early stopping: ${watched.key} has not improved on ${best} (epoch ${bestEpoch}) for ${wait} epoch${wait === 1 ? "" : "s"}`,
        );
    },
    onTrainEnd(result, control) {
      const last = result.history.epochs.at(-1)?.epoch;
      if (weights !== undefined && bestEpoch !== null && bestEpoch !== last)
        loadModelTensors(asSequential(op, control.model), weights);
    },
    state(): CallbackState {
      return {
        json: { best, bestEpoch, wait, key: watched.key },
        ...(weights === undefined ? {} : { tensors: weights }),
      };
    },
    loadState(state: CallbackState) {
      const saved = state.json as { best: number | null; bestEpoch: number | null; wait: number };
      best = saved.best;
      bestEpoch = saved.bestEpoch;
      wait = saved.wait;
      weights = state.tensors === undefined ? undefined : new Map(state.tensors);
    },
  };
}

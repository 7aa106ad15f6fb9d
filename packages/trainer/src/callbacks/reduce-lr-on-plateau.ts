import { InvalidOptionError } from "@backprop/errors";
import type { Callback, CallbackState, EpochLogs, TrainingControl } from "../types.js";
import { type MonitorMode, monitor } from "./monitor.js";

/**
 * Options of {@link reduceLROnPlateau} (Keras's names and defaults).
 *
 * @example
 * ```ts
 * import { reduceLROnPlateau, type ReduceLROnPlateauOptions } from "@backprop/trainer";
 * const options: ReduceLROnPlateauOptions = { monitor: "validation.loss", factor: 0.5, patience: 2, minLr: 1e-5 };
 * console.log(reduceLROnPlateau(options).name); // reduceLROnPlateau
 * ```
 */
export interface ReduceLROnPlateauOptions {
  /** Default `"validation.loss"` (or `"loss"` without validation data). */
  readonly monitor?: string;
  readonly mode?: MonitorMode;
  /** The rate is multiplied by this on a plateau (default 0.1). */
  readonly factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  readonly patience?: number;
  /** An improvement must beat the best by more than this (default 1e-4). */
  readonly minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  readonly cooldown?: number;
  /** Never go below this rate (default 0). */
  readonly minLr?: number;
  /** Checkpoint key (default `"reduceLROnPlateau"`). */
  readonly name?: string;
}

/**
 * Multiplies the learning rate by `factor` when the monitored metric has stopped improving for
 * `patience` epochs. Its counters go into checkpoints.
 *
 * @example
 * ```ts
 * import { reduceLROnPlateau } from "@backprop/trainer";
 * console.log(reduceLROnPlateau({ patience: 2, factor: 0.5 }).name); // reduceLROnPlateau
 * ```
 */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions = {}): Callback {
  const op = "reduceLROnPlateau";
  const factor = options.factor ?? 0.1;
  const patience = options.patience ?? 10;
  const cooldown = options.cooldown ?? 0;
  const minDelta = options.minDelta ?? 1e-4;
  const minLr = options.minLr ?? 0;
  if (!(factor > 0 && factor < 1))
    throw new InvalidOptionError({
      op,
      option: "factor",
      value: factor,
      expected: "a number in (0, 1)",
    });
  for (const [option, value] of [
    ["patience", patience],
    ["cooldown", cooldown],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new InvalidOptionError({ op, option, value, expected: "an integer >= 0" });
  }
  if (!(minDelta >= 0))
    throw new InvalidOptionError({
      op,
      option: "minDelta",
      value: minDelta,
      expected: "a number >= 0",
    });
  if (!(minLr >= 0))
    throw new InvalidOptionError({ op, option: "minLr", value: minLr, expected: "a number >= 0" });
  const watched = monitor(op, options.monitor, options.mode);
  let best: number | null = null;
  let wait = 0;
  let cooling = 0;
  return {
    name: options.name ?? "reduceLROnPlateau",
    onEpochEnd(logs: EpochLogs, control: TrainingControl) {
      const value = watched.read(logs);
      if (cooling > 0) {
        cooling--;
        wait = 0;
      }
      if (watched.improves(value, best, minDelta)) {
        best = value;
        wait = 0;
      } else if (cooling === 0) {
        wait++;
        if (wait >= patience && control.lr > minLr) {
          control.lr = Math.max(control.lr * factor, minLr);
          cooling = cooldown;
          wait = 0;
        }
      }
    },
    state(): CallbackState {
      return { json: { best, wait, cooling } };
    },
    loadState(state: CallbackState) {
      const saved = state.json as { best: number | null; wait: number; cooling: number };
      best = saved.best;
      wait = saved.wait;
      cooling = saved.cooling;
    },
  };
}

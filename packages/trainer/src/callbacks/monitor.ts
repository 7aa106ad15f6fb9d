import { InvalidOptionError } from "@backprop/errors";
import type { EpochLogs } from "../types.js";

/**
 * Which way a monitored number improves.
 *
 * @example
 * ```ts
 * import { earlyStopping, type MonitorMode } from "@backprop/trainer";
 * const mode: MonitorMode = "max"; // "auto" maximises *accuracy and minimises the rest
 * console.log(earlyStopping({ monitor: "validation.f1", mode }).name); // earlyStopping
 * ```
 */
export type MonitorMode = "min" | "max" | "auto";

/** A metric followed across epochs: `"loss"` (the mean training loss) or a key of the metrics. */
export interface Monitor {
  readonly key: string;
  readonly mode: "min" | "max";
  /** The value in an epoch's logs; a missing key is an error listing the ones there are. */
  read(logs: EpochLogs): number;
  /** Whether `value` beats `best` by more than `minDelta`. */
  improves(value: number, best: number | null, minDelta: number): boolean;
}

/**
 * A monitor for `key`; `"auto"` mode maximises accuracies and minimises everything else.
 * `undefined` picks `"validation.loss"` when the run validates, else the training loss.
 */
export function monitor(op: string, key: string | undefined, mode: MonitorMode = "auto"): Monitor {
  if (mode !== "min" && mode !== "max" && mode !== "auto") {
    throw new InvalidOptionError({
      op,
      option: "mode",
      value: mode,
      expected: "'min', 'max' or 'auto'",
    });
  }
  let resolved = key;
  const direction = (k: string): "min" | "max" =>
    mode !== "auto" ? mode : k.endsWith("accuracy") ? "max" : "min";
  return {
    get key() {
      return resolved ?? "validation.loss";
    },
    get mode() {
      return direction(resolved ?? "validation.loss");
    },
    read(logs: EpochLogs): number {
      resolved ??= "validation.loss" in logs.metrics ? "validation.loss" : "loss";
      if (resolved === "loss") return logs.loss;
      const value = logs.metrics[resolved];
      if (value === undefined) {
        throw new InvalidOptionError({
          op,
          option: "monitor",
          value: resolved,
          expected: `one of "loss", ${Object.keys(logs.metrics)
            .map((k) => `"${k}"`)
            .join(", ")}`,
        });
      }
      return value;
    },
    improves(value: number, best: number | null, minDelta: number): boolean {
      if (Number.isNaN(value)) return false;
      if (best === null) return true;
      return direction(resolved ?? "validation.loss") === "min"
        ? value < best - minDelta
        : value > best + minDelta;
    },
  };
}

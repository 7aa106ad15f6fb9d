import { InvalidOptionError } from "@backprop/errors";
import { TrialPruned } from "./trial-pruned.js";
import type { Trial } from "./types.js";

/**
 * The part of a training loop's end-of-epoch report the pruning callback reads — the shape of
 * `@backprop/trainer`'s `EpochLogs` (1-based `epoch`, flat `metrics` such as
 * `"validation.accuracy"`), declared here so that neither package imports the other.
 *
 * @example
 * ```ts
 * import type { EpochLogsLike } from "@backprop/hpo";
 * const logs: EpochLogsLike = { epoch: 2, metrics: { "validation.accuracy": 0.91 } };
 * console.log(logs.metrics["validation.accuracy"]); // 0.91
 * ```
 */
export interface EpochLogsLike {
  readonly epoch: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * The part of a training loop's control object the pruning callback uses — `stop(reason)` of
 * `@backprop/trainer`'s `TrainingControl`.
 *
 * @example
 * ```ts
 * import type { TrainingControlLike } from "@backprop/hpo";
 * const reasons: string[] = [];
 * const control: TrainingControlLike = { stop: (reason) => void reasons.push(reason) };
 * control.stop("enough");
 * console.log(reasons); // [ 'enough' ]
 * ```
 */
export interface TrainingControlLike {
  stop(reason: string): void;
}

/**
 * Options of {@link pruningCallback}.
 *
 * @example
 * ```ts
 * import type { PruningCallbackOptions } from "@backprop/hpo";
 * const options: PruningCallbackOptions = { monitor: "validation.accuracy" };
 * console.log(options.monitor); // validation.accuracy
 * ```
 */
export interface PruningCallbackOptions {
  /** The metric reported as the trial's intermediate value each epoch. */
  readonly monitor: string;
}

/**
 * A training-loop callback (a plain object of the trainer's `Callback` shape) that reports a
 * metric to the trial after every epoch and stops pruned runs.
 *
 * @example
 * ```ts
 * import { FixedTrial, pruningCallback, type PruningCallback } from "@backprop/hpo";
 * const callback: PruningCallback = pruningCallback(new FixedTrial({}), { monitor: "validation.accuracy" });
 * console.log(typeof callback.onEpochEnd, callback.pruned); // function false
 * ```
 */
export interface PruningCallback {
  /** Reports `logs.metrics[monitor]` at step `logs.epoch`; on a prune, calls `control.stop`. */
  onEpochEnd(logs: EpochLogsLike, control: TrainingControlLike): Promise<void>;
  /** Throws {@link TrialPruned} when the run was pruned, so the training call rejects with it. */
  onTrainEnd(result: unknown, control: TrainingControlLike): void;
  /** Whether this callback stopped the run. */
  readonly pruned: boolean;
  /** The epoch after which it did. */
  readonly prunedAtEpoch: number | undefined;
}

/**
 * Connects a trial to a training loop: after every epoch it reports `logs.metrics[monitor]`
 * (e.g. `"validation.accuracy"`) as the trial's intermediate value at step `epoch`, asks
 * `trial.shouldPrune()`, and when the answer is yes calls `control.stop("pruned …")`; at the end
 * of that run `onTrainEnd` throws {@link TrialPruned}, so `await fit(…)` rejects with it and the
 * objective ends the trial PRUNED without any code of its own. It is a plain object matching
 * `@backprop/trainer`'s structural `Callback`: pass it in `fit({ callbacks: [...] })`.
 *
 * @example
 * ```ts
 * import { FixedTrial, pruningCallback, TrialPruned } from "@backprop/hpo";
 * // A FixedTrial never prunes; a stand-in that always does shows the mechanics.
 * const trial = Object.assign(new FixedTrial({}), { shouldPrune: () => true });
 * const callback = pruningCallback(trial, { monitor: "validation.accuracy" });
 * const stops: string[] = [];
 * const control = { stop: (reason: string) => void stops.push(reason) };
 * await callback.onEpochEnd({ epoch: 1, metrics: { "validation.accuracy": 0.42 } }, control);
 * console.log(trial.intermediateValues); // { '1': 0.42 }
 * console.log(stops[0]); // pruned by @backprop/hpo after epoch 1 (validation.accuracy = 0.42)
 * try {
 *   callback.onTrainEnd({}, control);
 * } catch (e) {
 *   console.log(TrialPruned.isInstance(e)); // true
 * }
 * ```
 */
export function pruningCallback(trial: Trial, options: PruningCallbackOptions): PruningCallback {
  const op = "pruningCallback";
  if (typeof trial?.report !== "function" || typeof trial.shouldPrune !== "function")
    throw new InvalidOptionError({ op, option: "trial", value: trial, expected: "a Trial" });
  const { monitor } = options;
  if (typeof monitor !== "string" || monitor === "")
    throw new InvalidOptionError({
      op,
      option: "monitor",
      value: monitor,
      expected: 'a metric name such as "validation.accuracy"',
    });
  let prunedAt: { epoch: number; value: number } | undefined;
  return {
    get pruned() {
      return prunedAt !== undefined;
    },
    get prunedAtEpoch() {
      return prunedAt?.epoch;
    },
    async onEpochEnd(logs, control) {
      if (prunedAt !== undefined) return;
      const value = logs.metrics[monitor];
      if (typeof value !== "number")
        throw new InvalidOptionError({
          op,
          option: "monitor",
          value: monitor,
          expected: `a metric the run reports (${Object.keys(logs.metrics).join(", ") || "none"})`,
        });
      trial.report(value, logs.epoch);
      await trial.flush();
      if (trial.shouldPrune()) {
        prunedAt = { epoch: logs.epoch, value };
        control.stop(`pruned by @backprop/hpo after epoch ${logs.epoch} (${monitor} = ${value})`);
      }
    },
    onTrainEnd() {
      if (prunedAt !== undefined)
        throw new TrialPruned(
          `Trial ${trial.number} was pruned after epoch ${prunedAt.epoch} (${monitor} = ${prunedAt.value})`,
        );
    },
  };
}

import { NonFiniteLossError } from "../non-finite-loss-error.js";
import type { BatchLogs, Callback } from "../types.js";

/**
 * Ends a run with a {@link NonFiniteLossError} naming the iteration as soon as a batch loss is
 * NaN or infinite. Checkpoints are written only at epoch ends, so the last good one is intact.
 *
 * @example
 * ```ts
 * import { terminateOnNaN } from "@backprop/trainer";
 * const guard = terminateOnNaN();
 * try { guard.onBatchEnd?.({ epoch: 1, epochs: 1, batch: 3, batches: 9, iteration: 3, size: 10, loss: Number.NaN, samplesPerSecond: 1, etaSeconds: 1 }, undefined as never); } catch (e) { console.log((e as Error).name); } // NonFiniteLossError
 * ```
 */
export function terminateOnNaN(): Callback {
  return {
    onBatchEnd(logs: BatchLogs) {
      if (!Number.isFinite(logs.loss)) {
        throw new NonFiniteLossError({
          iteration: logs.iteration,
          epoch: logs.epoch,
          batch: logs.batch,
          loss: logs.loss,
        });
      }
    },
  };
}

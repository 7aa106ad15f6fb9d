import type { BatchLogs, Callback, EpochLogs } from "../types.js";

/**
 * What {@link progress} reports: a batch (throttled), or a finished epoch (always).
 *
 * @example
 * ```ts
 * import type { ProgressEvent } from "@backprop/trainer";
 * const describe = (e: ProgressEvent) => (e.kind === "batch" ? `batch ${e.logs.batch}/${e.logs.batches}` : `epoch ${e.logs.epoch}/${e.epochs}`);
 * const logs = { epoch: 1, iteration: 10, lr: 0.1, loss: 0.5, metrics: {}, seconds: 1, samplesPerSecond: 1000 };
 * console.log(describe({ kind: "epoch", logs, epochs: 5 })); // epoch 1/5
 * ```
 */
export type ProgressEvent =
  | { readonly kind: "batch"; readonly logs: BatchLogs }
  | { readonly kind: "epoch"; readonly logs: EpochLogs; readonly epochs: number };

/**
 * Progress for a display: batch events at most every `intervalMs` (default 100) plus the last
 * batch of every epoch, and every epoch's logs. The CLI renders them as a progress bar on a
 * terminal and as plain lines otherwise; a page can draw a live loss curve from them.
 *
 * @example
 * ```ts
 * import { progress } from "@backprop/trainer";
 * const lines: string[] = [];
 * const cb = progress((event) => {
 *   if (event.kind === "epoch") lines.push(`epoch ${event.logs.epoch}/${event.epochs}`);
 * });
 * console.log(typeof cb.onBatchEnd); // function
 * ```
 */
export function progress(
  report: (event: ProgressEvent) => void,
  options: { readonly intervalMs?: number } = {},
): Callback {
  const interval = options.intervalMs ?? 100;
  let last = Number.NEGATIVE_INFINITY;
  return {
    onBatchEnd(logs) {
      const t = performance.now();
      if (t - last < interval && logs.batch !== logs.batches) return;
      last = t;
      report({ kind: "batch", logs });
    },
    onEpochEnd(logs, control) {
      report({ kind: "epoch", logs, epochs: control.epochs });
    },
  };
}

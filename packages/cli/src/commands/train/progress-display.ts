import type { Callback, EpochLogs } from "@backprop/trainer";
import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { CliIo } from "../../cli-io.js";

const pct = (v: number | undefined) => (v === undefined ? "   –  " : `${(100 * v).toFixed(2)}%`);
const int = (v: number) => Math.round(v).toLocaleString("en-US");

/** One line per epoch: loss, accuracies, speed. */
export function epochLine(logs: EpochLogs, epochs: number): string {
  const width = String(epochs).length;
  const m = logs.metrics;
  const parts = [
    `epoch ${String(logs.epoch).padStart(width)}/${epochs}`,
    `loss ${logs.loss.toFixed(4)}`,
    `train ${pct(m["train.accuracy"])}`,
    ...(m["validation.accuracy"] === undefined
      ? []
      : [`validation ${pct(m["validation.accuracy"])}`]),
    `${int(logs.samplesPerSecond)} samples/s`,
    `${logs.seconds.toFixed(1)} s`,
  ];
  return parts.join("  ");
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/**
 * Training progress for people: on a terminal a live bar (epoch, batch, loss, samples/s, ETA)
 * with a line per finished epoch above it; otherwise (a pipe, a CI log) the epoch lines only.
 * The bar goes to `io.progressStream`, the lines to `say`; `close()` removes the bar.
 */
export function progressDisplay(
  io: CliIo,
  say: (text: string) => void,
): Callback & { close(): void } {
  const stream = io.progressStream;
  if (stream === undefined) {
    return {
      onEpochEnd: (logs, control) => say(`${epochLine(logs, control.epochs)}\n`),
      close: () => {},
    };
  }
  const multi = new MultiBar(
    {
      stream,
      format:
        "epoch {epoch}/{epochs} {bar} batch {batch}/{batches} | loss {loss} | {rate} samples/s | ETA {left}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
      autopadding: true,
    },
    Presets.shades_classic,
  );
  let bar: SingleBar | undefined;
  return {
    onBatchEnd(logs) {
      const tokens = {
        epoch: logs.epoch,
        epochs: logs.epochs,
        batch: logs.batch,
        batches: logs.batches,
        loss: logs.loss.toFixed(4),
        rate: int(logs.samplesPerSecond),
        left: formatEta(logs.etaSeconds),
      };
      const done = (logs.epoch - 1) * logs.batches + logs.batch;
      bar ??= multi.create(logs.epochs * logs.batches, 0, tokens);
      bar.update(done, tokens);
    },
    onEpochEnd(logs, control) {
      multi.log(`${epochLine(logs, control.epochs)}\n`);
    },
    /** Removes the bar (also when training failed). */
    close() {
      multi.stop();
    },
  };
}

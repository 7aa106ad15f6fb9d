import { asSequential } from "../as-sequential.js";
import { serializeCheckpoint } from "../checkpoint.js";
import type { Callback, CallbackState, EpochLogs, TrainingControl } from "../types.js";
import { type MonitorMode, monitor } from "./monitor.js";

/**
 * Where checkpoints go: a directory on disk (`@backprop/trainer/node`), IndexedDB, memory…
 *
 * @example
 * ```ts
 * import type { CheckpointWriter } from "@backprop/trainer";
 * const files = new Map<string, Uint8Array>();
 * const inMemory: CheckpointWriter = { write: (name, bytes) => void files.set(name, bytes) };
 * inMemory.write("last.safetensors", new Uint8Array(8));
 * console.log(files.size); // 1
 * ```
 */
export interface CheckpointWriter {
  /** Stores `bytes` under `name`, replacing what was there — atomically, or not at all. */
  write(name: string, bytes: Uint8Array): void | Promise<void>;
}

/**
 * Options of {@link modelCheckpoint}.
 *
 * @example
 * ```ts
 * import { modelCheckpoint, type ModelCheckpointOptions } from "@backprop/trainer";
 * const options: ModelCheckpointOptions = { writer: { write: () => {} }, save: "best", monitor: "validation.accuracy" };
 * console.log(modelCheckpoint(options).name); // modelCheckpoint
 * ```
 */
export interface ModelCheckpointOptions {
  readonly writer: CheckpointWriter;
  /** `"last"` every epoch, `"best"` when the monitored metric improves, or `"both"` (default). */
  readonly save?: "last" | "best" | "both";
  /** The metric that decides "best" (default `"validation.loss"`, or `"loss"` without validation). */
  readonly monitor?: string;
  readonly mode?: MonitorMode;
  /** File names (defaults `"last.safetensors"`, `"best.safetensors"`). */
  readonly names?: { readonly last?: string; readonly best?: string };
  /** JSON stored in every checkpoint and handed back on load (e.g. the run's settings). */
  readonly config?: unknown;
  /** Checkpoint key of this callback's own state (default `"modelCheckpoint"`). */
  readonly name?: string;
}

/**
 * Writes a full training checkpoint ({@link serializeCheckpoint}) at the end of every epoch —
 * `last`, and `best` when the monitored metric improved — after every other callback's epoch
 * hook has run, so the checkpoint resumes exactly. Needs a layers `Sequential` model.
 *
 * @example
 * ```ts
 * import { modelCheckpoint } from "@backprop/trainer";
 * const saved = new Map<string, Uint8Array>();
 * const cb = modelCheckpoint({ writer: { write: (name, bytes) => void saved.set(name, bytes) }, monitor: "validation.accuracy" });
 * console.log(cb.name); // modelCheckpoint
 * ```
 */
export function modelCheckpoint(options: ModelCheckpointOptions): Callback {
  const op = "modelCheckpoint";
  const save = options.save ?? "both";
  const lastName = options.names?.last ?? "last.safetensors";
  const bestName = options.names?.best ?? "best.safetensors";
  const watched = monitor(op, options.monitor, options.mode);
  let best: number | null = null;
  return {
    name: options.name ?? "modelCheckpoint",
    onTrainBegin(control: TrainingControl) {
      asSequential(op, control.model);
    },
    async onCheckpoint(logs: EpochLogs, control: TrainingControl) {
      const value = watched.read(logs);
      const improved = watched.improves(value, best, 0);
      if (improved) best = value;
      if (save === "best" && !improved) return;
      const bytes = serializeCheckpoint({
        model: asSequential(op, control.model),
        optimizer: control.optimizer,
        state: control.state(),
        ...(options.config === undefined ? {} : { config: options.config }),
      });
      if (save !== "best") await options.writer.write(lastName, bytes);
      if (save !== "last" && improved) await options.writer.write(bestName, bytes);
    },
    state(): CallbackState {
      return { json: { best } };
    },
    loadState(state: CallbackState) {
      best = (state.json as { best: number | null }).best;
    },
  };
}

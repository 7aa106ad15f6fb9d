import { FormatError } from "@backprop/errors";
import {
  decodeSafetensors,
  encodeSafetensors,
  modelFromSafetensors,
  modelToSafetensors,
  type SafetensorsEntry,
  type Sequential,
} from "@backprop/layers";
import {
  type Optimizer,
  type OptimizerState,
  restoreOptimizer,
  type SerializedTensor,
} from "@backprop/optimizers";
import type { BackendName, DType } from "@backprop/tensor-core";
import type { CallbackState, TrainerState } from "./types.js";

/**
 * What a checkpoint holds.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { sgd } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { type CheckpointContents, fit, serializeCheckpoint } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const model = multiLayerNet({ inputSize: 2, hiddenSizes: [2], outputSize: 2, rng: createRng(0) });
 * const optimizer = sgd();
 * const data = { count: 2, featureShape: [2], features: new Float32Array(4), labels: new Int32Array([0, 1]) };
 * const contents: CheckpointContents = { model, optimizer, state: (await fit({ model, optimizer, train: data, epochs: 1 })).state, config: { run: "demo" } };
 * console.log(serializeCheckpoint(contents).length > 0); // true
 * ```
 */
export interface CheckpointContents {
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  readonly state: TrainerState;
  /** Anything JSON the caller wants back on resume (the CLI keeps its run settings here). */
  readonly config?: unknown;
}

/**
 * A checkpoint read back: a rebuilt model and optimizer, and the trainer state to resume.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { sgd } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { deserializeCheckpoint, fit, type LoadedCheckpoint, serializeCheckpoint } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const model = multiLayerNet({ inputSize: 2, hiddenSizes: [2], outputSize: 2, rng: createRng(0) });
 * const optimizer = sgd();
 * const data = { count: 2, featureShape: [2], features: new Float32Array(4), labels: new Int32Array([0, 1]) };
 * const { state } = await fit({ model, optimizer, train: data, epochs: 3 });
 * const back: LoadedCheckpoint = deserializeCheckpoint(serializeCheckpoint({ model, optimizer, state, config: { lr: 0.01 } }));
 * console.log(back.state.epoch, back.config); // 3 { lr: 0.01 }
 * ```
 */
export interface LoadedCheckpoint {
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  readonly state: TrainerState;
  readonly config: unknown;
}

/**
 * Options of {@link deserializeCheckpoint}.
 *
 * @example
 * ```ts
 * import type { DeserializeCheckpointOptions } from "@backprop/trainer";
 * // Continue on the float64 reference backend a run that was trained on wasm.
 * const options: DeserializeCheckpointOptions = { file: "runs/last.safetensors", backend: "reference" };
 * console.log(options.backend); // reference
 * ```
 */
export interface DeserializeCheckpointOptions {
  /** Name for error messages (default `"<buffer>"`). */
  readonly file?: string;
  /** Rebuild the model and optimizer on this backend (default: where they were saved). */
  readonly backend?: BackendName;
}

const KEY = "backprop.checkpoint";
const OPTIMIZER = "optimizer/";
const CALLBACK = "callback/";

interface SlotRecord {
  readonly dtype: DType;
  readonly backend: BackendName;
}

interface Header {
  readonly version: 1;
  readonly trainer: Omit<TrainerState, "callbacks"> & {
    readonly callbacks: Readonly<Record<string, { json: unknown; tensors: string[] }>>;
  };
  readonly optimizer: Omit<OptimizerState, "slots"> & {
    readonly slots: Readonly<Record<string, Readonly<Record<string, SlotRecord>>>>;
  };
  readonly config: unknown;
}

/**
 * One safetensors file with everything needed to continue a run bit-identically: the model's
 * tensors and architecture (a model file's contents), the optimizer's slots and settings, the
 * trainer's random streams, counters and history, and the named callbacks' states. Tensors are
 * named `optimizer/<slot>/<param>` and `callback/<name>/<entry>` beside the model's own.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { sgd } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { deserializeCheckpoint, fit, serializeCheckpoint } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const model = multiLayerNet({ inputSize: 2, hiddenSizes: [3], outputSize: 2, rng: createRng(0) });
 * const optimizer = sgd({ lr: 0.1 });
 * const data = { count: 2, featureShape: [2], features: new Float32Array([0, 1, 1, 0]), labels: new Int32Array([1, 0]) };
 * const { state } = await fit({ model, optimizer, train: data, epochs: 2 });
 * const back = deserializeCheckpoint(serializeCheckpoint({ model, optimizer, state }));
 * console.log(back.state.epoch, back.optimizer.iterations); // 2 2
 * ```
 */
export function serializeCheckpoint(contents: CheckpointContents): Uint8Array {
  const { tensors, metadata } = modelToSafetensors(contents.model);
  const all = new Map(tensors);
  const optimizerState = contents.optimizer.state();
  const slots: Record<string, Record<string, SlotRecord>> = {};
  for (const [slot, byParam] of Object.entries(optimizerState.slots)) {
    slots[slot] = {};
    for (const [param, t] of Object.entries(byParam)) {
      slots[slot][param] = { dtype: t.dtype, backend: t.backend };
      all.set(`${OPTIMIZER}${slot}/${param}`, entryOf(t));
    }
  }
  const callbacks: Record<string, { json: unknown; tensors: string[] }> = {};
  for (const [name, state] of Object.entries(contents.state.callbacks)) {
    const names: string[] = [];
    for (const [entry, t] of state.tensors ?? []) {
      all.set(`${CALLBACK}${name}/${entry}`, t);
      names.push(entry);
    }
    callbacks[name] = { json: state.json ?? null, tensors: names };
  }
  const header: Header = {
    version: 1,
    trainer: { ...contents.state, callbacks },
    optimizer: { ...optimizerState, slots },
    config: contents.config ?? null,
  };
  return encodeSafetensors(all, { ...metadata, [KEY]: JSON.stringify(header) });
}

/**
 * Reads {@link serializeCheckpoint}'s bytes: the model rebuilt from its architecture, the
 * optimizer from its state (`restoreOptimizer`), and the trainer state for `fit({ resume })`.
 * A file that is not a checkpoint, or is damaged, is a `FormatError` naming it and the entry.
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { adam } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { deserializeCheckpoint, fit, serializeCheckpoint } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const data = { count: 4, featureShape: [2], features: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), labels: new Int32Array([0, 1, 1, 0]) };
 * const model = multiLayerNet({ inputSize: 2, hiddenSizes: [4], outputSize: 2, rng: createRng(0) });
 * const optimizer = adam();
 * const first = await fit({ model, optimizer, train: data, epochs: 2, batchSize: 2 });
 * const ck = deserializeCheckpoint(serializeCheckpoint({ model, optimizer, state: first.state }));
 * const rest = await fit({ model: ck.model, optimizer: ck.optimizer, resume: ck.state, train: data, epochs: 4, batchSize: 2 });
 * console.log(rest.history.epochs.length, rest.state.iteration); // 4 8
 * ```
 */
export function deserializeCheckpoint(
  bytes: Uint8Array,
  options: DeserializeCheckpointOptions = {},
): LoadedCheckpoint {
  const file = options.file ?? "<buffer>";
  const { tensors, metadata } = decodeSafetensors(bytes, { file });
  const text = metadata[KEY];
  if (text === undefined) {
    throw new FormatError({
      file,
      entry: "__metadata__",
      reason: `not a training checkpoint (no ${KEY} in the metadata; a plain model file loads with loadModel)`,
    });
  }
  let header: Header;
  try {
    header = JSON.parse(text) as Header;
  } catch (error) {
    throw new FormatError({
      file,
      entry: KEY,
      reason: `invalid JSON (${(error as Error).message})`,
    });
  }
  if (header?.version !== 1 || header.trainer?.version !== 1 || header.optimizer === undefined) {
    throw new FormatError({
      file,
      entry: KEY,
      reason: `unsupported checkpoint version ${header?.version}`,
    });
  }
  const take = (name: string): SafetensorsEntry => {
    const entry = tensors.get(name);
    if (entry === undefined) throw new FormatError({ file, entry: name, reason: "missing" });
    return entry;
  };
  const slots: Record<string, Record<string, SerializedTensor>> = {};
  for (const [slot, byParam] of Object.entries(header.optimizer.slots)) {
    slots[slot] = {};
    for (const [param, record] of Object.entries(byParam)) {
      const entry = take(`${OPTIMIZER}${slot}/${param}`);
      const backend = options.backend ?? record.backend;
      const dtype: DType =
        options.backend === undefined ? record.dtype : backend === "wasm" ? "float32" : "float64";
      slots[slot][param] = { shape: [...entry.shape], dtype, backend, values: entry.values };
    }
  }
  const callbacks: Record<string, CallbackState> = {};
  for (const [name, saved] of Object.entries(header.trainer.callbacks)) {
    const own = new Map(saved.tensors.map((e) => [e, take(`${CALLBACK}${name}/${e}`)] as const));
    callbacks[name] = { json: saved.json, ...(own.size > 0 ? { tensors: own } : {}) };
  }
  const modelPart = new Map(
    [...tensors].filter(([name]) => !name.startsWith(OPTIMIZER) && !name.startsWith(CALLBACK)),
  );
  const model = modelFromSafetensors(
    { tensors: modelPart, metadata },
    { file, ...(options.backend === undefined ? {} : { backend: options.backend }) },
  );
  let optimizer: Optimizer;
  try {
    optimizer = restoreOptimizer({ ...header.optimizer, slots });
  } catch (error) {
    model.dispose();
    throw new FormatError({
      file,
      entry: `${KEY}.optimizer`,
      reason: (error as Error).message,
      cause: error,
    });
  }
  return {
    model,
    optimizer,
    state: { ...header.trainer, callbacks },
    config: header.config,
  };
}

function entryOf(t: SerializedTensor): SafetensorsEntry {
  const f64 = t.dtype === "float64";
  return {
    dtype: f64 ? "F64" : "F32",
    shape: t.shape,
    values: f64 ? Float64Array.from(t.values) : Float32Array.from(t.values),
  };
}

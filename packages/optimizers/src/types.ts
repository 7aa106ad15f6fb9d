import type { BackendName, DType, Tensor } from "@backprop/tensor-core";

/** Parameters by stable name (`"dense1.weight"`); `step` replaces each entry with its update. */
export type ParamMap = Map<string, Tensor>;

/** Gradients by the same names as the parameters. */
export type GradMap = ReadonlyMap<string, Tensor>;

/** A tensor as plain data: shape, dtype, backend and a copy of its values. */
export interface SerializedTensor {
  readonly shape: number[];
  readonly dtype: DType;
  readonly backend: BackendName;
  readonly values: Float32Array | Float64Array | Int32Array | Uint8Array;
}

/** An optimizer's full state: plain JSON plus typed arrays (structured-clone safe). */
export interface OptimizerState {
  /** The optimizer's kind, e.g. `"adam"`. */
  readonly type: string;
  readonly version: 1;
  /** Steps taken so far (Adam's bias correction counts them). */
  readonly iterations: number;
  readonly lr: number;
  /** The hyperparameters, for the record (restoring checks they match). */
  readonly hyper: Readonly<Record<string, number | string | boolean | null>>;
  /** Per-parameter slots, e.g. `{ m: { "dense1.weight": … }, v: { … } }`. */
  readonly slots: Readonly<Record<string, Readonly<Record<string, SerializedTensor>>>>;
}

/** What every update rule offers. */
export interface Optimizer {
  /** The optimizer's kind, e.g. `"sgd"`. */
  readonly type: string;
  /** Learning rate; may be changed between steps (schedules). */
  lr: number;
  /** Steps taken so far. */
  readonly iterations: number;
  /**
   * Updates every parameter that has a gradient: each tensor in `params` is replaced by its
   * updated value and the old tensor is disposed. Leaks nothing.
   */
  step(params: ParamMap, grads: GradMap): void;
  /** Plain-data state: `loadState(state())` on a fresh optimizer continues bit-identically. */
  state(): OptimizerState;
  loadState(state: OptimizerState): void;
  /** Frees the slot tensors. */
  dispose(): void;
}

/** Gradient clipping applied before every step. */
export interface ClipOptions {
  /** Rescale all gradients together when their global L2 norm exceeds this. */
  readonly clipNorm?: number;
  /** Clamp every gradient element into [−clipValue, clipValue]. */
  readonly clipValue?: number;
}

/** Options every optimizer accepts. */
export interface OptimizerOptions extends ClipOptions {
  readonly lr?: number;
}

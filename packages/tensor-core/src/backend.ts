import type { AdamUpdateOptions } from "./ops/adam-update.js";
import type { BackendName, DType, FloatDType, Shape, TypedArray } from "./types.js";

/**
 * What a kernel sees of a tensor: its validated shape and dtype and the backend's own handle.
 * Kernels never see a disposed tensor and never need to validate (the op layer did).
 */
export interface TensorInfo {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly handle: unknown;
}

export type UnaryOp =
  | "neg"
  | "abs"
  | "sign"
  | "exp"
  | "log"
  | "log1p"
  | "sqrt"
  | "rsqrt"
  | "square"
  | "reciprocal"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "step";

export type BinaryOp = "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum";

export type CompareOp = "equal" | "notEqual" | "greater" | "greaterEqual" | "less" | "lessEqual";

export type LogicalOp = "logicalAnd" | "logicalOr";

export type ReduceOp = "sum" | "mean" | "max" | "min";

export type ArgReduceOp = "argMax" | "argMin";

/** Live resources a backend holds itself (its own tensor/handle count), for leak tests. */
export interface BackendMemory {
  readonly numTensors: number;
  readonly numBytes: number;
}

/**
 * The kernel contract every backend implements. The op layer (`src/ops/*`) validates arguments,
 * resolves negative axes, computes output shapes and dtypes, and wraps each returned handle in a
 * `Tensor`; a kernel only computes. Every kernel returns a NEW handle that the caller owns (it may
 * share immutable storage with an input, as long as `dispose` of one does not invalidate the
 * other). Kernels must not leak: anything temporary they create is released before they return.
 *
 * Conventions:
 * - `outShape` is given where broadcasting decides it (numpy rules, already validated).
 * - Binary/compare/where inputs have equal dtypes (the op layer casts scalars).
 * - `bool` values are 0/1 in a `Uint8Array`.
 */
export interface Backend {
  readonly name: BackendName;
  readonly floatDType: FloatDType;

  /** Takes ownership of `values` (already of the dtype's array type, length = size of shape). */
  upload(values: TypedArray, shape: Shape, dtype: DType): unknown;
  /**
   * True when `upload` copies the values into the backend's own memory before it returns (wasm:
   * into the module's heap), so a caller's array of the right type can be handed over as it is,
   * without a defensive copy.
   */
  readonly uploadCopies: boolean;
  /** A fresh copy of the values, safe for the caller to mutate. */
  readSync(x: TensorInfo): TypedArray;
  read(x: TensorInfo): Promise<TypedArray>;
  dispose(x: TensorInfo): void;
  memory(): BackendMemory;

  fill(shape: Shape, value: number, dtype: DType): unknown;
  /**
   * A scalar holding `value` as `dtype`, for a number operand of a binary op: cached by the
   * backend (one handle per value and dtype, created on first use). The caller never disposes
   * it, and `memory()` does not count the cache.
   */
  constant(value: number, dtype: DType): unknown;
  cast(x: TensorInfo, dtype: DType): unknown;
  unary(op: UnaryOp, x: TensorInfo): unknown;
  leakyRelu(x: TensorInfo, alpha: number): unknown;
  clip(x: TensorInfo, min: number, max: number): unknown;
  binary(op: BinaryOp, a: TensorInfo, b: TensorInfo, outShape: Shape): unknown;
  /** Output dtype is `bool`. */
  compare(op: CompareOp, a: TensorInfo, b: TensorInfo, outShape: Shape): unknown;
  /** Inputs and output are `bool`. */
  logical(op: LogicalOp, a: TensorInfo, b: TensorInfo, outShape: Shape): unknown;
  logicalNot(x: TensorInfo): unknown;
  /** `cond` is bool; `a` and `b` share a dtype; all three broadcast to `outShape`. */
  where(cond: TensorInfo, a: TensorInfo, b: TensorInfo, outShape: Shape): unknown;
  /**
   * Reduces over `axes` (sorted, unique, non-empty, in range); the output shape drops those axes
   * (the op layer reshapes for keepDims). `mean` is only called on float dtypes.
   */
  reduce(op: ReduceOp, x: TensorInfo, axes: readonly number[]): unknown;
  /** Index of the first max/min along `axis`; output dtype int32, shape drops `axis`. */
  argReduce(op: ArgReduceOp, x: TensorInfo, axis: number): unknown;
  /** Numerically stable (max-subtracted) softmax or log-softmax along `axis`. */
  softmax(x: TensorInfo, axis: number, log: boolean): unknown;
  /** Log-sum-exp over `axis`, stable for large magnitudes; output shape drops `axis`. */
  logSumExp(x: TensorInfo, axis: number): unknown;
  /**
   * 2-D float matrix product: op(a)·op(b) where op transposes when the flag is set. Shapes are
   * validated. Each backend picks its fastest form for each flag combination.
   */
  matMul(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): unknown;
  /**
   * Optional fused `a + alpha·b` of two float tensors of one shape, bit for bit
   * `add(a, mul(b, alpha))` (ops/add-scaled.ts composes it where this is missing).
   */
  addScaled?(a: TensorInfo, b: TensorInfo, alpha: number): unknown;
  /** Optional fused Adam step `[w′, m′, v′]`, bit for bit the composition in ops/adam-update.ts. */
  adamUpdate?(
    param: TensorInfo,
    grad: TensorInfo,
    m: TensorInfo,
    v: TensorInfo,
    options: AdamUpdateOptions,
  ): unknown[];
  /**
   * Optional fused training-pass batch norm over the rows of a float `[n, d]` matrix (n ≥ 2):
   * `[y, x̂, s, μ, σ²]`, bit for bit what the composed ops give (ops/batch-norm.ts). Backends
   * without it get the composition.
   */
  batchNormForward?(x: TensorInfo, gamma: TensorInfo, beta: TensorInfo, eps: number): unknown[];
  /** Optional fused backward of {@link batchNormForward}: `[dx, dγ, dβ]`. */
  batchNormBackward?(dy: TensorInfo, xn: TensorInfo, gamma: TensorInfo, std: TensorInfo): unknown[];
  /**
   * Optional fused dense forward `x·W (+ b)` of float matrices (all sizes ≥ 1), then `relu` when
   * asked, bit for bit `matMul`, `add`, `relu` (ops/affine.ts composes it where this is missing).
   */
  affine?(x: TensorInfo, w: TensorInfo, b: TensorInfo | undefined, relu: boolean): unknown;
  /**
   * Optional fused backward of {@link affine}: `[dW, db?, dx?]` (dx times `step(x)` with
   * `throughRelu`), bit for bit the composition.
   */
  affineBackward?(
    x: TensorInfo,
    w: TensorInfo,
    dy: TensorInfo,
    options: {
      readonly bias: boolean;
      readonly inputGradient: boolean;
      readonly throughRelu: boolean;
    },
  ): unknown[];
  /**
   * Optional fused moving-average step `avg·decay + (value·scale)·(1 − decay)` of float tensors of
   * one shape (`scale` undefined: no scaling), bit for bit the composition in
   * ops/moving-average.ts.
   */
  movingAverage?(
    avg: TensorInfo,
    value: TensorInfo,
    decay: number,
    scale: number | undefined,
  ): unknown;
  /** Optional fused `dy·step(x)` of two float tensors of one shape, bit for bit the composition. */
  reluBackward?(dy: TensorInfo, x: TensorInfo): unknown;
  /**
   * Optional fused softmax cross-entropy of float logits `[n, classes]` against int32 labels `[n]`
   * or float targets like the logits: `[loss, gradient]`, the loss a scalar when `groups` is
   * undefined, else one mean per group of rows (ops/softmax-cross-entropy.ts).
   */
  softmaxCrossEntropy?(y: TensorInfo, t: TensorInfo, groups: number | undefined): unknown[];
  transpose(x: TensorInfo, perm: readonly number[]): unknown;
  reshape(x: TensorInfo, shape: Shape): unknown;
  /** `begin` and `size` are complete (one entry per dim, no -1). */
  slice(x: TensorInfo, begin: readonly number[], size: readonly number[]): unknown;
  /** `indices` is int32 of rank 1, every index within `[0, x.shape[axis])`. */
  gather(x: TensorInfo, indices: TensorInfo, axis: number): unknown;
  /** All inputs share a dtype and every dim but `axis`; at least one input. */
  concat(xs: readonly TensorInfo[], axis: number): unknown;
  /** `indices` int32 rank 1; output `[n, depth]`; an index outside `[0, depth)` gives an all-`off` row. */
  oneHot(indices: TensorInfo, depth: number, on: number, off: number, dtype: DType): unknown;
}

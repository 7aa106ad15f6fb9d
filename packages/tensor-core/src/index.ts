export type {
  ArgReduceOp,
  Backend,
  BackendMemory,
  BinaryOp,
  CompareOp,
  LogicalOp,
  ReduceOp,
  TensorInfo,
  UnaryOp,
} from "./backend.js";
export type { WasmBackendInfo } from "./backends/wasm/wasm-info.js";
export type { CreationOptions, DTypeOption } from "./creation-options.js";
export {
  type BackendInfo,
  getDefaultBackend,
  type InitBackendOptions,
  initBackend,
  isBackendReady,
  setDefaultBackend,
} from "./init-backend.js";
export { type MemoryInfo, memory } from "./memory.js";
export {
  type AdamUpdateOptions,
  type AdamUpdateResult,
  adamUpdate,
} from "./ops/adam-update.js";
export { addScaled } from "./ops/add-scaled.js";
export {
  type AffineBackwardOptions,
  type AffineGradients,
  type AffineOptions,
  affine,
  affineBackward,
} from "./ops/affine.js";
export { add, div, maximum, minimum, mul, pow, sub } from "./ops/arithmetic.js";
export {
  type BatchNormBackwardResult,
  type BatchNormForwardResult,
  batchNormBackward,
  batchNormForward,
} from "./ops/batch-norm.js";
export { cast, toBackend } from "./ops/cast.js";
export {
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  logicalAnd,
  logicalNot,
  logicalOr,
  notEqual,
  where,
} from "./ops/compare.js";
export { type ConcatOptions, concat } from "./ops/concat.js";
export {
  arange,
  fill,
  ones,
  onesLike,
  scalar,
  type TensorOptions,
  tensor,
  zeros,
  zerosLike,
} from "./ops/creation.js";
export { type GatherOptions, gather, gatherRows } from "./ops/gather.js";
export { matMul, matMulNT, matMulTN } from "./ops/matmul.js";
export { type MovingAverageOptions, movingAverage } from "./ops/moving-average.js";
export { type OneHotOptions, oneHot } from "./ops/one-hot.js";
export {
  type RandomNormalOptions,
  type RandomUniformOptions,
  randomNormal,
  randomUniform,
} from "./ops/random.js";
export {
  type ArgReduceOptions,
  argMax,
  argMin,
  max,
  mean,
  min,
  type ReduceOptions,
  sum,
} from "./ops/reduce.js";
export { reluBackward } from "./ops/relu-backward.js";
export { flatten, reshape } from "./ops/reshape.js";
export { slice } from "./ops/slice.js";
export {
  type LogSumExpOptions,
  logSoftmax,
  logSumExp,
  type SoftmaxOptions,
  softmax,
} from "./ops/softmax.js";
export {
  type SoftmaxCrossEntropyOptions,
  type SoftmaxCrossEntropyResult,
  softmaxCrossEntropy,
} from "./ops/softmax-cross-entropy.js";
export { type TransposeOptions, transpose } from "./ops/transpose.js";
export {
  abs,
  type ClipOptions,
  clip,
  exp,
  type LeakyReluOptions,
  leakyRelu,
  log,
  log1p,
  neg,
  reciprocal,
  relu,
  rsqrt,
  sigmoid,
  sign,
  sqrt,
  square,
  step,
  tanh,
} from "./ops/unary.js";
export { dispose, keep, scope } from "./scope.js";
export { Tensor } from "./tensor.js";
export type {
  ArrayValue,
  BackendName,
  DType,
  DTypeArrayMap,
  FloatDType,
  NestedArray,
  Shape,
  TypedArray,
} from "./types.js";

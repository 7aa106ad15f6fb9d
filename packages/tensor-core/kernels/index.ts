// The entry point of backprop's WebAssembly SIMD module: every kernel it exports.
export { matmulNN, matmulNT, matmulTN } from "./gemm";
export { batchNormBackward, batchNormForward } from "./batch-norm";
export { addScaled } from "./add-scaled";
export { adamStep } from "./adam";
export { affineBackward, affineForward, reluBackward } from "./affine";
export { softmaxCrossEntropy } from "./softmax-cross-entropy";
export { movingAverage } from "./moving-average";

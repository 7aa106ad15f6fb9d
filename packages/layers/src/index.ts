export { LeakyReLU, ReLU, Sigmoid, Tanh } from "./activations.js";
export { BatchNorm, type BatchNormOptions } from "./batch-norm.js";
export { Dense, type DenseOptions } from "./dense.js";
export { Dropout, type DropoutOptions } from "./dropout.js";
export { MeanSquaredError, SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy } from "./losses.js";
export { Cached, Module } from "./module.js";
export {
  type ActivationName,
  type MultiLayerNetOptions,
  multiLayerNet,
} from "./multi-layer-net.js";
export { Sequential, type SequentialOptions } from "./sequential.js";
export type { ForwardOptions, Layer, Loss, ParamMap } from "./types.js";

export { LeakyReLU, ReLU, Sigmoid, Tanh } from "./activations.js";
export { BatchNorm, type BatchNormOptions } from "./batch-norm.js";
export { Dense, type DenseOptions } from "./dense.js";
export { Dropout, type DropoutOptions } from "./dropout.js";
export { type LayerConfig, layerConfig, layerFromConfig } from "./layer-config.js";
export { MeanSquaredError, SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy } from "./losses.js";
export {
  type DeserializeModelOptions,
  deserializeModel,
  type LoadModelTensorsOptions,
  loadModelTensors,
  modelFromSafetensors,
  modelTensors,
  modelToSafetensors,
  type SerializeModelOptions,
  serializeModel,
  type WeightLayout,
} from "./model-file.js";
export { Cached, Module } from "./module.js";
export {
  type ActivationName,
  type MultiLayerNetOptions,
  multiLayerNet,
} from "./multi-layer-net.js";
export {
  decodeSafetensors,
  encodeSafetensors,
  MAX_HEADER_BYTES,
  type SafetensorsDType,
  type SafetensorsEntry,
  type SafetensorsFile,
} from "./safetensors.js";
export { Sequential, type SequentialOptions } from "./sequential.js";
export type { ForwardOptions, Layer, Loss, ParamMap } from "./types.js";

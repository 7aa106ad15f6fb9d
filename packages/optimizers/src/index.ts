export { Adam, type AdamOptions, AdamW, adam, adamw } from "./adam.js";
export {
  AdaGrad,
  type AdaGradOptions,
  adagrad,
  RMSProp,
  type RMSPropOptions,
  rmsprop,
} from "./adaptive.js";
export { BaseOptimizer, type Hyper } from "./base-optimizer.js";
export { clipByGlobalNorm, clipByValue, globalNorm } from "./clip.js";
export {
  type AnyOptimizerOptions,
  createOptimizer,
  type OptimizerName,
} from "./create-optimizer.js";
export { Momentum, type MomentumOptions, momentum, Nesterov, nesterov } from "./momentum.js";
export { restoreOptimizer } from "./restore-optimizer.js";
export { deserializeTensor, serializeTensor } from "./serialize.js";
export { SGD, type SGDOptions, sgd } from "./sgd.js";
export type {
  ClipOptions,
  GradMap,
  Optimizer,
  OptimizerOptions,
  OptimizerState,
  ParamMap,
  SerializedTensor,
} from "./types.js";

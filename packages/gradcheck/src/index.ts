export { DEFAULT_H } from "./central-difference.js";
export { type CheckBackwardOptions, checkBackward } from "./check-backward.js";
export {
  type CheckGradientsOptions,
  checkGradients,
  DEFAULT_ATOL,
  DEFAULT_RTOL,
  type Gradients,
} from "./check-gradients.js";
export { assertGradients, GradientCheckError } from "./gradient-check-error.js";
export {
  type MatrixPair,
  type MatrixPairArbOptions,
  matrixPairArb,
} from "./matrix-pair-arb.js";
export { type NumericalGradientOptions, numericalGradient } from "./numerical-gradient.js";
export { PropertyFailedError } from "./property-failed-error.js";
export {
  type ElementCheck,
  formatReport,
  GradCheckReport,
  LISTED,
  type TensorCheck,
  type Tolerances,
} from "./report.js";
export {
  assertProperty,
  type PropertyPredicate,
  type PropertyResult,
  type RunPropertyOptions,
  runProperty,
} from "./run-property.js";
export { seedArb } from "./seed-arb.js";
export { type ShapeArbOptions, shapeArb } from "./shape-arb.js";
export { type TensorDataArbOptions, tensorDataArb } from "./tensor-data-arb.js";
export type { NamedTensors, TensorData } from "./types.js";
export { type Avoid, type ValueArbOptions, valueArb } from "./value-arb.js";

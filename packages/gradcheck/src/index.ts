export {
  type ShapeArbOptions,
  seedArb,
  shapeArb,
  type TensorData,
  type TensorDataArbOptions,
  tensorDataArb,
} from "./arbitraries.js";
export { type CheckBackwardOptions, checkBackward } from "./check-backward.js";
export {
  type CheckGradientsOptions,
  checkGradients,
  DEFAULT_ATOL,
  DEFAULT_RTOL,
} from "./check-gradients.js";
export { assertGradients, GradientCheckError } from "./gradient-check-error.js";
export {
  DEFAULT_H,
  type NumericalGradientOptions,
  numericalGradient,
} from "./numerical-gradient.js";
export {
  formatReport,
  type GradCheckReport,
  type TensorCheck,
  type WorstElement,
} from "./report.js";
export {
  assertProperty,
  PropertyFailure,
  type PropertyResult,
  type RunPropertyOptions,
  runProperty,
} from "./run-property.js";

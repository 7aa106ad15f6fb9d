export {
  BackendError,
  type BackendErrorFields,
  BackendMismatchError,
  type BackendMismatchErrorFields,
} from "./backend-error.js";
export { BackpropError, type BackpropErrorOptions } from "./backprop-error.js";
export { DisposedError, type DisposedErrorFields } from "./disposed-error.js";
export { DTypeError, type DTypeErrorFields } from "./dtype-error.js";
export { formatValue } from "./format.js";
export { FormatError, type FormatErrorFields } from "./format-error.js";
export { InvalidOptionError, type InvalidOptionErrorFields } from "./invalid-option-error.js";
export { ShapeError, type ShapeErrorFields } from "./shape-error.js";

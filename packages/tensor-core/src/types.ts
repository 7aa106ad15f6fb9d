/** Names of the compute backends. */
export type BackendName = "wasm" | "reference";

/** Floating-point dtype of a backend: float32 on wasm, float64 on reference. */
export type FloatDType = "float32" | "float64";

/** Element types. `int32` holds indices and labels, `bool` holds masks (stored as 0/1 bytes). */
export type DType = FloatDType | "int32" | "bool";

/** A tensor shape: one non-negative integer per dimension; `[]` is a scalar. */
export type Shape = readonly number[];

/** The typed array that holds the values of each dtype. */
export interface DTypeArrayMap {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/** Any of the typed arrays a tensor's values are read into. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Nested arrays of numbers or booleans, as accepted by `tensor()` and returned by `array()`. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Nested plain arrays returned by `Tensor.array()`: a number for a scalar. */
export type ArrayValue = number | ArrayValue[];

import type { DType, DTypeArrayMap, TypedArray } from "./types.js";

/** Bytes one element of `dtype` occupies. */
export function bytesPerElement(dtype: DType): number {
  switch (dtype) {
    case "float64":
      return 8;
    case "float32":
    case "int32":
      return 4;
    case "bool":
      return 1;
  }
}

/** A zero-filled typed array of the dtype's array type. */
export function allocArray<D extends DType>(dtype: D, length: number): DTypeArrayMap[D] {
  switch (dtype) {
    case "float64":
      return new Float64Array(length) as DTypeArrayMap[D];
    case "float32":
      return new Float32Array(length) as DTypeArrayMap[D];
    case "int32":
      return new Int32Array(length) as DTypeArrayMap[D];
    default:
      return new Uint8Array(length) as DTypeArrayMap[D];
  }
}

/** Copies `values` into a new array of `dtype`'s type (rounding to float32, truncating to int32). */
export function convertArray<D extends DType>(
  values: ArrayLike<number>,
  dtype: D,
): DTypeArrayMap[D] {
  const out = allocArray(dtype, values.length);
  if (dtype === "bool") {
    for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  } else {
    (out as Float64Array).set(values);
  }
  return out;
}

/** True for the two floating dtypes. */
export function isFloat(dtype: DType): dtype is "float32" | "float64" {
  return dtype === "float32" || dtype === "float64";
}

/** The dtype a typed array holds by default (`Uint8Array` means bool). */
export function dtypeOfArray(values: TypedArray): DType {
  if (values instanceof Float64Array) return "float64";
  if (values instanceof Float32Array) return "float32";
  if (values instanceof Int32Array) return "int32";
  return "bool";
}

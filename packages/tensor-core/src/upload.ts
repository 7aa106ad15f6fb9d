import type { Backend } from "./backend.js";
import { convertArray } from "./dtype.js";
import { Tensor } from "./tensor.js";
import type { DType, Shape } from "./types.js";

/** A new tensor on `backend` holding a copy of `values` converted to `dtype` (validated inputs). */
export function uploadTensor(
  backend: Backend,
  values: ArrayLike<number>,
  shape: Shape,
  dtype: DType,
): Tensor {
  return new Tensor(
    backend,
    backend.upload(convertArray(values, dtype), shape, dtype),
    shape,
    dtype,
  );
}

import { type Tensor, tensor } from "@backprop/tensor-core";
import type { SerializedTensor } from "./types.js";

/** A copy of a tensor as plain data. */
export function serializeTensor(t: Tensor): SerializedTensor {
  return { shape: [...t.shape], dtype: t.dtype, backend: t.backend, values: t.dataSync() };
}

/** The tensor back, on the backend it came from. */
export function deserializeTensor(s: SerializedTensor): Tensor {
  return tensor(s.values, { shape: s.shape, dtype: s.dtype, backend: s.backend });
}

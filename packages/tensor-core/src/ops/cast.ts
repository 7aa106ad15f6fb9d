import { type DTypeOption, resolveBackend, resolveDType } from "../creation-options.js";
import { Tensor } from "../tensor.js";
import type { BackendName } from "../types.js";
import { uploadTensor } from "../upload.js";
import { checkTensor } from "../validate.js";

/**
 * Converts `x` to another dtype: floats to int32 truncate toward zero, anything to bool is
 * `x != 0`, bool to numbers is 0/1. `"float"` means the backend's float dtype. Always returns a
 * new tensor.
 *
 * @example
 * ```ts
 * import { cast, tensor } from "@backprop/tensor-core";
 * console.log(cast(tensor([1.7, -1.7, 0]), "int32").arraySync()); // [ 1, -1, 0 ]
 * ```
 */
export function cast(x: Tensor, dtype: DTypeOption): Tensor {
  const op = "cast";
  checkTensor(op, "x", x);
  const target = resolveDType(op, x.owner, dtype);
  return new Tensor(x.owner, x.owner.cast(x, target), x.shape, target);
}

/**
 * Copies a tensor to another backend (float32 ↔ float64 for floats; int32 and bool unchanged).
 *
 * @example
 * ```ts
 * import { initBackend, tensor, toBackend } from "@backprop/tensor-core";
 * await initBackend({ backend: "wasm" });
 * const w = tensor([1.5, 2.5]);
 * const r = toBackend(w, "reference");
 * console.log(w.dtype, r.dtype); // float32 float64
 * ```
 */
export function toBackend(x: Tensor, backend: BackendName): Tensor {
  const op = "toBackend";
  checkTensor(op, "x", x);
  const target = resolveBackend(op, backend);
  const dtype = x.dtype === "int32" || x.dtype === "bool" ? x.dtype : target.floatDType;
  return uploadTensor(target, x.owner.readSync(x), x.shape, dtype);
}

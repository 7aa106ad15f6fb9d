import {
  type KernelTensorInfo,
  type OwnKernelExports,
  offsetOf,
  type WasmBackendInternals,
} from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel name of backprop's `a + alpha·b` (kernels/add-scaled.ts) on the wasm backend. */
export const ADD_SCALED_KERNEL = "BackpropAddScaled";

/** Registers `a + alpha·b` of two float32 tensors of one shape as the tfjs kernel {@link ADD_SCALED_KERNEL}. */
export function registerAddScaledKernel(tf: Tfjs, kernels: OwnKernelExports): void {
  if (tf.getKernel(ADD_SCALED_KERNEL, "wasm") !== undefined) return;
  tf.registerKernel({
    kernelName: ADD_SCALED_KERNEL,
    backendName: "wasm",
    kernelFunc: ({ inputs, attrs, backend: be }) => {
      const wasm = be as unknown as WasmBackendInternals;
      const a = inputs.a as unknown as KernelTensorInfo;
      const out = wasm.makeOutput([...a.shape], "float32");
      const length = a.shape.reduce((p, d) => p * d, 1);
      if (length === 0) return out as never;
      kernels.addScaled(
        offsetOf(wasm, a),
        offsetOf(wasm, inputs.b as unknown as KernelTensorInfo),
        offsetOf(wasm, out),
        length,
        (attrs as { alpha: number }).alpha,
      );
      return out as never;
    },
  });
}

/** `a + alpha·b` with backprop's kernel (same shapes, float32). */
export function addScaledKernel(tf: Tfjs, a: TfTensor, b: TfTensor, alpha: number): TfTensor {
  return tf
    .engine()
    .runKernel(ADD_SCALED_KERNEL, { a, b } as never, { alpha } as never) as TfTensor;
}

import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel name of backprop's `a + alpha·b` (kernels/add-scaled.ts) on the wasm backend. */
export const ADD_SCALED_KERNEL = "BackpropAddScaled";

/** Registers `a + alpha·b` of two float32 tensors of one shape as {@link ADD_SCALED_KERNEL}. */
export function registerAddScaledKernel(tf: Tfjs, kernels: OwnKernelExports): void {
  registerOwnKernel(tf, ADD_SCALED_KERNEL, (wasm, { a, b }, attrs) => {
    const out = wasm.makeOutput([...a!.shape], "float32");
    const length = a!.shape.reduce((p, d) => p * d, 1);
    if (length === 0) return out;
    const alpha = attrs.alpha as number;
    kernels.addScaled(offsetOf(wasm, a!), offsetOf(wasm, b!), offsetOf(wasm, out), length, alpha);
    return out;
  });
}

/** `a + alpha·b` with backprop's kernel (same shapes, float32). */
export function addScaledKernel(tf: Tfjs, a: TfTensor, b: TfTensor, alpha: number): TfTensor {
  return runOwnKernel(tf, ADD_SCALED_KERNEL, { a, b }, { alpha }) as TfTensor;
}

import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel name of backprop's moving average (kernels/moving-average.ts) on the wasm backend. */
export const MOVING_AVERAGE_KERNEL = "BackpropMovingAverage";

/** Registers `avg·decay + (value·scale)·(1 − decay)` of float32 tensors of one shape. */
export function registerMovingAverageKernel(tf: Tfjs, kernels: OwnKernelExports): void {
  registerOwnKernel(tf, MOVING_AVERAGE_KERNEL, (wasm, { avg, value }, attrs) => {
    const out = wasm.makeOutput([...avg!.shape], "float32");
    const length = avg!.shape.reduce((p, d) => p * d, 1);
    if (length === 0) return out;
    const decay = attrs.decay as number;
    const scale = attrs.scale as number | null;
    kernels.movingAverage(
      offsetOf(wasm, avg!),
      offsetOf(wasm, value!),
      offsetOf(wasm, out),
      length,
      decay,
      1 - decay,
      scale ?? 1,
      scale === null ? 0 : 1,
    );
    return out;
  });
}

/** The moving-average step with backprop's kernel (`scale` null: no scaling). */
export function movingAverageKernel(
  tf: Tfjs,
  avg: TfTensor,
  value: TfTensor,
  decay: number,
  scale: number | null,
): TfTensor {
  return runOwnKernel(tf, MOVING_AVERAGE_KERNEL, { avg, value }, { decay, scale }) as TfTensor;
}

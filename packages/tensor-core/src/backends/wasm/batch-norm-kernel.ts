import {
  type KernelTensorInfo,
  type OwnKernelExports,
  offsetOf,
  type WasmBackendInternals,
} from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel names of backprop's fused batch norm (kernels/batch-norm.ts) on the wasm backend. */
export const BATCH_NORM_FORWARD_KERNEL = "BackpropBatchNormForward";
export const BATCH_NORM_BACKWARD_KERNEL = "BackpropBatchNormBackward";

/** Registers the fused training-pass batch norm, forward and backward, as tfjs kernels. */
export function registerBatchNormKernels(tf: Tfjs, kernels: OwnKernelExports): void {
  if (tf.getKernel(BATCH_NORM_FORWARD_KERNEL, "wasm") !== undefined) return;
  tf.registerKernel({
    kernelName: BATCH_NORM_FORWARD_KERNEL,
    backendName: "wasm",
    kernelFunc: ({ inputs, attrs, backend: be }) => {
      const wasm = be as unknown as WasmBackendInternals;
      const x = inputs.x as unknown as KernelTensorInfo;
      const [n, d] = x.shape as [number, number];
      const outs = [[n, d], [n, d], [d], [d], [d]].map((s) => wasm.makeOutput(s, "float32"));
      const [y, xn, std, mean, variance] = outs.map((t) => offsetOf(wasm, t)) as number[];
      kernels.batchNormForward(
        offsetOf(wasm, x),
        offsetOf(wasm, inputs.gamma as unknown as KernelTensorInfo),
        offsetOf(wasm, inputs.beta as unknown as KernelTensorInfo),
        y!,
        xn!,
        std!,
        mean!,
        variance!,
        n,
        d,
        1 / n,
        (attrs as { eps: number }).eps,
      );
      return outs as never;
    },
  });
  tf.registerKernel({
    kernelName: BATCH_NORM_BACKWARD_KERNEL,
    backendName: "wasm",
    kernelFunc: ({ inputs, backend: be }) => {
      const wasm = be as unknown as WasmBackendInternals;
      const dy = inputs.dy as unknown as KernelTensorInfo;
      const [n, d] = dy.shape as [number, number];
      const outs = [[n, d], [d], [d]].map((s) => wasm.makeOutput(s, "float32"));
      const [dx, dgamma, dbeta] = outs.map((t) => offsetOf(wasm, t)) as number[];
      kernels.batchNormBackward(
        offsetOf(wasm, dy),
        offsetOf(wasm, inputs.xn as unknown as KernelTensorInfo),
        offsetOf(wasm, inputs.gamma as unknown as KernelTensorInfo),
        offsetOf(wasm, inputs.std as unknown as KernelTensorInfo),
        dx!,
        dgamma!,
        dbeta!,
        n,
        d,
        1 / n,
      );
      return outs as never;
    },
  });
}

/** The fused forward pass: [y, x̂, s, μ, σ²] (see kernels/batch-norm.ts). */
export function batchNormForwardKernel(
  tf: Tfjs,
  x: TfTensor,
  gamma: TfTensor,
  beta: TfTensor,
  eps: number,
): TfTensor[] {
  return tf
    .engine()
    .runKernel(
      BATCH_NORM_FORWARD_KERNEL,
      { x, gamma, beta } as never,
      { eps } as never,
    ) as TfTensor[];
}

/** The fused backward pass: [dx, dγ, dβ]. */
export function batchNormBackwardKernel(
  tf: Tfjs,
  dy: TfTensor,
  xn: TfTensor,
  gamma: TfTensor,
  std: TfTensor,
): TfTensor[] {
  return tf
    .engine()
    .runKernel(
      BATCH_NORM_BACKWARD_KERNEL,
      { dy, xn, gamma, std } as never,
      {} as never,
    ) as TfTensor[];
}

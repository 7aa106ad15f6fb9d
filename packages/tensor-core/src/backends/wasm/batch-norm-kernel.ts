import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel names of backprop's fused batch norm (kernels/batch-norm.ts) on the wasm backend. */
export const BATCH_NORM_FORWARD_KERNEL = "BackpropBatchNormForward";
export const BATCH_NORM_BACKWARD_KERNEL = "BackpropBatchNormBackward";

/** Registers the fused training-pass batch norm, forward and backward, as tfjs kernels. */
export function registerBatchNormKernels(tf: Tfjs, kernels: OwnKernelExports): void {
  registerOwnKernel(tf, BATCH_NORM_FORWARD_KERNEL, (wasm, { x, gamma, beta }, attrs) => {
    const [n, d] = x!.shape as [number, number];
    const outs = [[n, d], [n, d], [d], [d], [d]].map((s) => wasm.makeOutput(s, "float32"));
    const [y, xn, std, mean, variance] = outs.map((t) => offsetOf(wasm, t)) as number[];
    const [px, pg, pb] = [x!, gamma!, beta!].map((t) => offsetOf(wasm, t)) as number[];
    const eps = attrs.eps as number;
    kernels.batchNormForward(px!, pg!, pb!, y!, xn!, std!, mean!, variance!, n, d, 1 / n, eps);
    return outs;
  });
  registerOwnKernel(tf, BATCH_NORM_BACKWARD_KERNEL, (wasm, { dy, xn, gamma, std }) => {
    const [n, d] = dy!.shape as [number, number];
    const outs = [[n, d], [d], [d]].map((s) => wasm.makeOutput(s, "float32"));
    const [dx, dgamma, dbeta] = outs.map((t) => offsetOf(wasm, t)) as number[];
    const [pdy, pxn, pg, ps] = [dy!, xn!, gamma!, std!].map((t) => offsetOf(wasm, t)) as number[];
    kernels.batchNormBackward(pdy!, pxn!, pg!, ps!, dx!, dgamma!, dbeta!, n, d, 1 / n);
    return outs;
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
  return runOwnKernel(tf, BATCH_NORM_FORWARD_KERNEL, { x, gamma, beta }, { eps }) as TfTensor[];
}

/** The fused backward pass: [dx, dγ, dβ]. */
export function batchNormBackwardKernel(
  tf: Tfjs,
  dy: TfTensor,
  xn: TfTensor,
  gamma: TfTensor,
  std: TfTensor,
): TfTensor[] {
  return runOwnKernel(tf, BATCH_NORM_BACKWARD_KERNEL, { dy, xn, gamma, std }) as TfTensor[];
}

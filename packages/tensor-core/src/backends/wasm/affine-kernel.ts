import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel names of backprop's dense-layer passes (kernels/affine.ts) on the wasm backend. */
export const AFFINE_FORWARD_KERNEL = "BackpropAffineForward";
export const AFFINE_BACKWARD_KERNEL = "BackpropAffineBackward";
export const RELU_BACKWARD_KERNEL = "BackpropReluBackward";

/** What the backward kernel computes besides dW. */
export interface AffineBackwardFlags {
  readonly bias: boolean;
  readonly inputGradient: boolean;
  readonly throughRelu: boolean;
}

const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** Registers `x·W + b`, its backward pass and the ReLU mask product as tfjs kernels. */
export function registerAffineKernels(tf: Tfjs, kernels: OwnKernelExports): void {
  registerOwnKernel(tf, AFFINE_FORWARD_KERNEL, (wasm, { x, w, b }, attrs) => {
    const [m, k] = x!.shape as [number, number];
    const n = w!.shape[1]!;
    const y = wasm.makeOutput([m, n], "float32");
    const py = offsetOf(wasm, y);
    const bias = b === undefined ? 0 : offsetOf(wasm, b);
    const relu = attrs.relu === true ? 1 : 0;
    kernels.affineForward(
      offsetOf(wasm, x!),
      offsetOf(wasm, w!),
      bias,
      py,
      m,
      k,
      n,
      b ? 1 : 0,
      relu,
    );
    return y;
  });
  registerOwnKernel(tf, AFFINE_BACKWARD_KERNEL, (wasm, { x, w, dy }, attrs) => {
    const [m, k] = x!.shape as [number, number];
    const n = dy!.shape[1]!;
    const bias = attrs.bias === true;
    const input = attrs.inputGradient === true;
    const throughRelu = input && attrs.throughRelu === true;
    const dw = wasm.makeOutput([k, n], "float32");
    const outs = [dw];
    if (bias) outs.push(wasm.makeOutput([n], "float32"));
    if (input) outs.push(wasm.makeOutput([m, k], "float32"));
    // Wᵀ for dx, in a buffer of tfjs's heap that lives for this call only.
    const scratch = input ? wasm.makeOutput([n, k], "float32") : undefined;
    kernels.affineBackward(
      offsetOf(wasm, x!),
      offsetOf(wasm, w!),
      offsetOf(wasm, dy!),
      offsetOf(wasm, dw),
      bias ? offsetOf(wasm, outs[1]!) : 0,
      input ? offsetOf(wasm, outs.at(-1)!) : 0,
      scratch === undefined ? 0 : offsetOf(wasm, scratch),
      m,
      k,
      n,
      bias ? 1 : 0,
      input ? 1 : 0,
      throughRelu ? 1 : 0,
    );
    if (scratch !== undefined) wasm.disposeData(scratch.dataId, true);
    return outs;
  });
  registerOwnKernel(tf, RELU_BACKWARD_KERNEL, (wasm, { dy, x }) => {
    const out = wasm.makeOutput([...dy!.shape], "float32");
    const length = size(dy!.shape);
    if (length > 0) {
      kernels.reluBackward(offsetOf(wasm, dy!), offsetOf(wasm, x!), offsetOf(wasm, out), length);
    }
    return out;
  });
}

/** `x·W (+ b)`, then the ReLU with `relu`, of float32 matrices [m, k]·[k, n] with m, k, n ≥ 1. */
export function affineKernel(
  tf: Tfjs,
  x: TfTensor,
  w: TfTensor,
  b: TfTensor | undefined,
  relu: boolean,
): TfTensor {
  const inputs = b === undefined ? { x, w } : { x, w, b };
  return runOwnKernel(tf, AFFINE_FORWARD_KERNEL, inputs, { relu }) as TfTensor;
}

/**
 * `[dW, db?, dx?]` of {@link affineKernel}'s product for the output gradient `dy` (dx masked by
 * `[x > 0]` with `throughRelu`).
 */
export function affineBackwardKernel(
  tf: Tfjs,
  x: TfTensor,
  w: TfTensor,
  dy: TfTensor,
  options: AffineBackwardFlags,
): TfTensor[] {
  return runOwnKernel(tf, AFFINE_BACKWARD_KERNEL, { x, w, dy }, { ...options }) as TfTensor[];
}

/** `dy·[x > 0]` of two float32 tensors of one shape. */
export function reluBackwardKernel(tf: Tfjs, dy: TfTensor, x: TfTensor): TfTensor {
  return runOwnKernel(tf, RELU_BACKWARD_KERNEL, { dy, x }) as TfTensor;
}

import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel name of backprop's softmax cross-entropy (kernels/softmax-cross-entropy.ts). */
export const SOFTMAX_CROSS_ENTROPY_KERNEL = "BackpropSoftmaxCrossEntropy";

/** Registers the fused softmax cross-entropy (loss per group of rows, and the gradient). */
export function registerSoftmaxCrossEntropyKernel(tf: Tfjs, kernels: OwnKernelExports): void {
  registerOwnKernel(tf, SOFTMAX_CROSS_ENTROPY_KERNEL, (wasm, { y, t }, attrs) => {
    const [n, classes] = y!.shape as [number, number];
    const groups = attrs.groups as number;
    const loss = wasm.makeOutput(attrs.scalar === true ? [] : [groups], "float32");
    const grad = wasm.makeOutput([n, classes], "float32");
    const labels = t!.dtype === "int32";
    const pt = offsetOf(wasm, t!);
    // One row's exponentials in float64, in a buffer of tfjs's heap that lives for this call only.
    const scratch = wasm.makeOutput([2 * classes], "float32");
    kernels.softmaxCrossEntropy(
      offsetOf(wasm, y!),
      labels ? pt : 0,
      labels ? 0 : pt,
      offsetOf(wasm, loss),
      offsetOf(wasm, grad),
      offsetOf(wasm, scratch),
      n,
      classes,
      groups,
      1 / n,
      labels ? 1 : 0,
    );
    wasm.disposeData(scratch.dataId, true);
    return [loss, grad];
  });
}

/**
 * `[loss, gradient]` of float32 logits `y` [n, classes] (n, classes ≥ 1) against int32 labels [n]
 * or float32 targets like `y`: the loss a scalar (`groups` undefined) or one per group of rows.
 */
export function softmaxCrossEntropyKernel(
  tf: Tfjs,
  y: TfTensor,
  t: TfTensor,
  groups: number | undefined,
): TfTensor[] {
  const attrs = { groups: groups ?? 1, scalar: groups === undefined };
  return runOwnKernel(tf, SOFTMAX_CROSS_ENTROPY_KERNEL, { y, t }, attrs) as TfTensor[];
}

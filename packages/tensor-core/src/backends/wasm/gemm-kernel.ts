import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** The tfjs kernel name under which backprop's own matMul is registered for the wasm backend. */
export const GEMM_KERNEL = "BackpropMatMul";

/** Registers backprop's matMul (`kernels/gemm.ts`) as the tfjs kernel {@link GEMM_KERNEL}. */
export function registerGemmKernel(tf: Tfjs, gemm: OwnKernelExports): void {
  registerOwnKernel(tf, GEMM_KERNEL, (wasm, { a, b }, attrs) => {
    const transposeA = attrs.transposeA as boolean;
    const [m, k] = transposeA ? [a!.shape[1]!, a!.shape[0]!] : [a!.shape[0]!, a!.shape[1]!];
    const n = b!.shape[1]!;
    const out = wasm.makeOutput([m, n], "float32");
    if (m * n === 0) return out;
    const c = offsetOf(wasm, out);
    if (k === 0) {
      wasm.wasm.HEAPF32.fill(0, c >> 2, (c >> 2) + m * n);
      return out;
    }
    if (transposeA) gemm.matmulTN(offsetOf(wasm, a!), offsetOf(wasm, b!), c, m, k, n);
    else gemm.matmulNN(offsetOf(wasm, a!), offsetOf(wasm, b!), c, m, k, n);
    return out;
  });
}

/**
 * `op(a)·op(b)` of two float32 matrices with backprop's kernel: A·B and Aᵀ·B directly, a transposed
 * B through an explicit transpose first (the kernel reads B's rows).
 */
export function gemmMatMul(
  tf: Tfjs,
  a: TfTensor,
  b: TfTensor,
  transposeA: boolean,
  transposeB: boolean,
): TfTensor {
  const run = (right: TfTensor) =>
    runOwnKernel(tf, GEMM_KERNEL, { a, b: right }, { transposeA }) as TfTensor;
  if (!transposeB) return run(b);
  return tf.tidy(() => run(tf.transpose(b)));
}

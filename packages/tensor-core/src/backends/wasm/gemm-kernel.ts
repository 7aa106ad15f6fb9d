import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** The tfjs kernel name under which backprop's own matMul is registered for the wasm backend. */
export const GEMM_KERNEL = "BackpropMatMul";

/** Registers backprop's matMul (`kernels/gemm.ts`) as the tfjs kernel {@link GEMM_KERNEL}. */
export function registerGemmKernel(tf: Tfjs, gemm: OwnKernelExports): void {
  registerOwnKernel(tf, GEMM_KERNEL, (wasm, { a, b }, attrs) => {
    const transposeA = attrs.transposeA as boolean;
    const transposeB = attrs.transposeB === true && !transposeA;
    const [m, k] = transposeA ? [a!.shape[1]!, a!.shape[0]!] : [a!.shape[0]!, a!.shape[1]!];
    const n = b!.shape[transposeB ? 0 : 1]!;
    const out = wasm.makeOutput([m, n], "float32");
    if (m * n === 0) return out;
    const c = offsetOf(wasm, out);
    if (k === 0) {
      wasm.wasm.HEAPF32.fill(0, c >> 2, (c >> 2) + m * n);
      return out;
    }
    if (transposeB) {
      // Bᵀ in a buffer of tfjs's heap that lives for this call only.
      const scratch = wasm.makeOutput([k, n], "float32");
      const pa = offsetOf(wasm, a!);
      gemm.matmulNT(pa, offsetOf(wasm, b!), offsetOf(wasm, scratch), c, m, k, n);
      wasm.disposeData(scratch.dataId, true);
    } else if (transposeA) gemm.matmulTN(offsetOf(wasm, a!), offsetOf(wasm, b!), c, m, k, n);
    else gemm.matmulNN(offsetOf(wasm, a!), offsetOf(wasm, b!), c, m, k, n);
    return out;
  });
}

/**
 * `op(a)·op(b)` of two float32 matrices with backprop's kernel: A·B and Aᵀ·B directly, A·Bᵀ with
 * B transposed inside the kernel call (the product reads B's rows), Aᵀ·Bᵀ through an explicit
 * transpose first.
 */
export function gemmMatMul(
  tf: Tfjs,
  a: TfTensor,
  b: TfTensor,
  transposeA: boolean,
  transposeB: boolean,
): TfTensor {
  const run = (right: TfTensor, flagB: boolean) =>
    runOwnKernel(tf, GEMM_KERNEL, { a, b: right }, { transposeA, transposeB: flagB }) as TfTensor;
  if (!transposeB) return run(b, false);
  if (!transposeA) return run(b, true);
  return tf.tidy(() => run(tf.transpose(b), false));
}

import { BackendError } from "@backprop/errors";
import type { Backend } from "../../backend.js";
import { registerAdamKernel } from "./adam-kernel.js";
import { registerAddScaledKernel } from "./add-scaled-kernel.js";
import { registerAffineKernels } from "./affine-kernel.js";
import { registerBatchNormKernels } from "./batch-norm-kernel.js";
import { registerGemmKernel } from "./gemm-kernel.js";
import { registerMovingAverageKernel } from "./moving-average-kernel.js";
import { instantiateOwnKernels } from "./own-kernels.js";
import { registerSoftmaxCrossEntropyKernel } from "./softmax-cross-entropy-kernel.js";
import type { Tfjs } from "./tfjs.js";
import { createWasmBackend, REQUIRED_KERNELS } from "./wasm-backend.js";
import type { LoadWasmOptions, WasmBackendInfo } from "./wasm-info.js";

/**
 * Loads tfjs-core and its wasm backend (dynamic imports: importing tensor-core does nothing),
 * makes tfjs use it, and checks that every kernel backprop needs is registered.
 */
export async function loadWasmBackend(
  options: LoadWasmOptions,
): Promise<{ backend: Backend; info: WasmBackendInfo }> {
  const tf: Tfjs = await import("@tensorflow/tfjs-core");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths as never);
  const ok = await tf.setBackend("wasm");
  await tf.ready();
  if (!ok || tf.getBackend() !== "wasm") {
    throw new BackendError({
      backend: "wasm",
      reason: "tfjs could not start its wasm backend (setBackend('wasm') failed)",
    });
  }
  checkKernels(tf, REQUIRED_KERNELS);
  const own = await instantiateOwnKernels(tf);
  if (own !== undefined) {
    registerGemmKernel(tf, own);
    registerBatchNormKernels(tf, own);
    registerAddScaledKernel(tf, own);
    registerAdamKernel(tf, own);
    registerAffineKernels(tf, own);
    registerSoftmaxCrossEntropyKernel(tf, own);
    registerMovingAverageKernel(tf, own);
  }
  const ownKernels = own !== undefined;
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  const threads =
    Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) && wasm.getThreadsCount() > 1;
  const wasmFile = threads
    ? "tfjs-backend-wasm-threaded-simd.wasm"
    : simd
      ? "tfjs-backend-wasm-simd.wasm"
      : "tfjs-backend-wasm.wasm";
  return {
    backend: createWasmBackend(tf, { ownKernels }),
    info: {
      simd,
      threads,
      tfjsVersion: tf.version_core,
      wasmFile,
      matMulKernel: ownKernels ? "backprop-simd" : "xnnpack",
    },
  };
}

/** Throws a BackendError naming every kernel in `names` that tfjs has not registered for wasm. */
export function checkKernels(tf: Pick<Tfjs, "getKernel">, names: readonly string[]): void {
  const missing = names.filter((name) => tf.getKernel(name, "wasm") === undefined);
  if (missing.length > 0) {
    throw new BackendError({
      backend: "wasm",
      reason: `tfjs has no wasm kernel for ${missing.join(", ")}; backprop needs them (is @tensorflow/tfjs-backend-wasm 4.22 installed?)`,
    });
  }
}

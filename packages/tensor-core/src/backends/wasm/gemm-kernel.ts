import { GEMM_WASM_BASE64 } from "./gemm-binary.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** The tfjs kernel name under which backprop's own matMul is registered for the wasm backend. */
export const GEMM_KERNEL = "BackpropMatMul";

interface GemmExports {
  matmulNN(a: number, b: number, c: number, m: number, k: number, n: number): void;
  matmulTN(a: number, b: number, c: number, m: number, k: number, n: number): void;
}

/** The parts of tfjs-backend-wasm's `BackendWasm` this kernel uses (not in its public types). */
interface WasmBackendInternals {
  readonly wasm: { readonly asm?: { readonly memory?: unknown }; readonly HEAPF32: Float32Array };
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number | null } | undefined };
  makeOutput(shape: number[], dtype: "float32"): { dataId: object; shape: number[] };
}

interface KernelInfo {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: string;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Instantiates backprop's WebAssembly SIMD matMul on the memory of tfjs's wasm module (so it reads
 * and writes tensors in place) and registers it as the tfjs kernel {@link GEMM_KERNEL}. Returns
 * false, registering nothing, where that memory is not reachable or not importable (tfjs's
 * multi-threaded binary uses shared memory): matMul then stays on XNNPACK.
 */
export async function registerGemmKernel(tf: Tfjs): Promise<boolean> {
  if (tf.getKernel(GEMM_KERNEL, "wasm") !== undefined) return true;
  const backend = tf.findBackend("wasm") as unknown as WasmBackendInternals | null;
  const memory = backend?.wasm.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return false;
  let gemm: GemmExports;
  try {
    const module = await WebAssembly.compile(decode(GEMM_WASM_BASE64));
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    gemm = instance.exports as unknown as GemmExports;
  } catch {
    return false;
  }
  tf.registerKernel({
    kernelName: GEMM_KERNEL,
    backendName: "wasm",
    kernelFunc: ({ inputs, attrs, backend: be }) => {
      const wasm = be as unknown as WasmBackendInternals;
      const a = inputs.a as unknown as KernelInfo;
      const b = inputs.b as unknown as KernelInfo;
      const transposeA = (attrs as { transposeA: boolean }).transposeA;
      const [m, k] = transposeA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
      const n = b.shape[1]!;
      const out = wasm.makeOutput([m, n], "float32");
      if (m * n === 0) return out as never;
      const c = wasm.dataIdMap.get(out.dataId)!.memoryOffset!;
      if (k === 0) {
        wasm.wasm.HEAPF32.fill(0, c >> 2, (c >> 2) + m * n);
        return out as never;
      }
      const pa = wasm.dataIdMap.get(a.dataId)!.memoryOffset!;
      const pb = wasm.dataIdMap.get(b.dataId)!.memoryOffset!;
      if (transposeA) gemm.matmulTN(pa, pb, c, m, k, n);
      else gemm.matmulNN(pa, pb, c, m, k, n);
      return out as never;
    },
  });
  return true;
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
    tf
      .engine()
      .runKernel(GEMM_KERNEL, { a, b: right } as never, { transposeA } as never) as TfTensor;
  if (!transposeB) return run(b);
  return tf.tidy(() => run(tf.transpose(b)));
}

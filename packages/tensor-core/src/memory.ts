import { engine, liveCounts } from "./engine.js";
import type { BackendName } from "./types.js";

/** Live tensors and bytes, in total and per initialised backend. */
export interface MemoryInfo {
  /** Live `Tensor` objects on all backends. */
  readonly numTensors: number;
  /** Bytes held by live tensors on all backends (shared storage counted per tensor). */
  readonly numBytes: number;
  /** Per backend: our live tensors, and the backend's own live handle count (for leak tests). */
  readonly backends: Partial<
    Record<
      BackendName,
      { numTensors: number; numBytes: number; backendTensors: number; backendBytes: number }
    >
  >;
}

/**
 * Counts of live tensors. A leak test compares `memory().numTensors` (and, per backend,
 * `backendTensors`, which also sees temporaries a kernel forgot to free) before and after.
 *
 * @example
 * ```ts
 * import { memory, scope, tensor, exp } from "@backprop/tensor-core";
 * const before = memory().numTensors;
 * const y = scope(() => exp(tensor([1, 2]))); // the input is disposed, the result kept
 * console.log(memory().numTensors === before + 1); // true
 * ```
 */
export function memory(): MemoryInfo {
  const s = engine();
  let numTensors = 0;
  let numBytes = 0;
  const backends: Record<string, MemoryInfo["backends"]["wasm"]> = {};
  for (const [name, backend] of s.backends) {
    const own = liveCounts(name);
    const inner = backend.memory();
    numTensors += own.numTensors;
    numBytes += own.numBytes;
    backends[name] = {
      numTensors: own.numTensors,
      numBytes: own.numBytes,
      backendTensors: inner.numTensors,
      backendBytes: inner.numBytes,
    };
  }
  return { numTensors, numBytes, backends };
}

// Public types of the wasm backend; kept free of tfjs types so that published declarations never
// pull in tfjs's own (which need @types/long under skipLibCheck: false).

/** What the wasm backend runs on. */
export interface WasmBackendInfo {
  /** True when the SIMD binary is in use (every current CPU and browser supports it). */
  readonly simd: boolean;
  /** True when the multi-threaded binary is in use (never in Node: tfjs disables it there). */
  readonly threads: boolean;
  /** Version of `@tensorflow/tfjs-core`. */
  readonly tfjsVersion: string;
  /** The `.wasm` binary that was loaded. */
  readonly wasmFile: string;
  /**
   * Which kernel runs float32 matMul: backprop's own WebAssembly SIMD kernel, which works in place
   * on tfjs's memory (1.3–2.6× XNNPACK on the book's shapes), or, where that memory cannot be
   * shared with it (tfjs's multi-threaded binary), XNNPACK's.
   */
  readonly matMulKernel: "backprop-simd" | "xnnpack";
}

/** Options of {@link loadWasmBackend}. */
export interface LoadWasmOptions {
  readonly wasmPaths?: string | Record<string, string>;
}

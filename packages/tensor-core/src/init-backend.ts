import { BackendError, InvalidOptionError } from "@backprop/errors";
import { loadWasmBackend } from "./backends/wasm/load-wasm-backend.js";
import type { WasmBackendInfo } from "./backends/wasm/wasm-info.js";
import { backendFor, engine } from "./engine.js";
import type { BackendName } from "./types.js";

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Which backend to initialise and make the default. */
  readonly backend: BackendName;
  /**
   * Where the tfjs `.wasm` binaries are served from, for bundlers and browsers: a URL prefix
   * ending in `/`, or a map from file name to URL. Not needed in Node, where they load from the
   * installed `@tensorflow/tfjs-backend-wasm` package.
   */
  readonly wasmPaths?: string | Record<string, string>;
}

/** What {@link initBackend} set up. */
export interface BackendInfo {
  readonly backend: BackendName;
  /** Floating dtype of the backend. */
  readonly floatDType: "float32" | "float64";
  /** wasm only: whether the SIMD binary runs, whether threads are on, tfjs version, binary name. */
  readonly wasm?: WasmBackendInfo;
}

/**
 * Initialises a backend (once per process; later calls reuse it) and makes it the default for
 * creation functions. `reference` (float64, pure TypeScript) is always available and is the
 * default until `wasm` is initialised.
 *
 * @example
 * ```ts
 * import { initBackend, zeros } from "@backprop/tensor-core";
 * const info = await initBackend({ backend: "wasm" });
 * // SIMD: true on any current CPU and browser
 * console.log(info.wasm?.simd); // true
 * console.log(zeros([2]).backend); // wasm
 * ```
 */
export async function initBackend(options: InitBackendOptions): Promise<BackendInfo> {
  const name = options?.backend;
  if (name !== "wasm" && name !== "reference") {
    throw new InvalidOptionError({
      op: "initBackend",
      option: "backend",
      value: name,
      expected: "'wasm' or 'reference'",
    });
  }
  const s = engine();
  if (name === "reference") {
    s.defaultBackend = "reference";
    return { backend: "reference", floatDType: "float64" };
  }
  if (s.wasmInit === undefined) {
    s.wasmInit = loadWasmBackend(
      options.wasmPaths === undefined ? {} : { wasmPaths: options.wasmPaths },
    ).then(
      ({ backend, info }) => {
        s.backends.set("wasm", backend);
        return info;
      },
      (error: unknown) => {
        s.wasmInit = undefined;
        throw BackendError.isInstance(error)
          ? error
          : new BackendError({
              backend: "wasm",
              reason: `failed to load: ${String(error)}`,
              cause: error,
            });
      },
    );
  }
  const info = (await s.wasmInit) as WasmBackendInfo;
  s.defaultBackend = "wasm";
  return { backend: "wasm", floatDType: "float32", wasm: info };
}

/**
 * Makes an initialised backend the default for creation functions.
 *
 * @example
 * ```ts
 * import { setDefaultBackend, zeros } from "@backprop/tensor-core";
 * setDefaultBackend("reference");
 * console.log(zeros([1]).dtype); // float64
 * ```
 */
export function setDefaultBackend(name: BackendName): void {
  backendFor(name);
  engine().defaultBackend = name;
}

/**
 * The backend creation functions use when no `backend` option is given.
 *
 * @example
 * ```ts
 * import { getDefaultBackend } from "@backprop/tensor-core";
 * // "reference" until wasm is initialised
 * console.log(getDefaultBackend()); // reference
 * ```
 */
export function getDefaultBackend(): BackendName {
  return engine().defaultBackend;
}

/**
 * True once `name` is ready to use (`reference` always is).
 *
 * @example
 * ```ts
 * import { isBackendReady } from "@backprop/tensor-core";
 * console.log(isBackendReady("reference"), isBackendReady("wasm"));
 * ```
 */
export function isBackendReady(name: BackendName): boolean {
  return engine().backends.has(name);
}

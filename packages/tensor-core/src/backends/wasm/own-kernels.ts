import { KERNELS_WASM_BASE64 } from "./kernels-binary.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** The exports of backprop's WebAssembly SIMD module (kernels/index.ts); pointers are byte offsets. */
export interface OwnKernelExports {
  addScaled(a: number, b: number, out: number, length: number, alpha: number): void;
  adamStep(
    param: number,
    grad: number,
    m: number,
    v: number,
    outParam: number,
    outM: number,
    outV: number,
    length: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    a: number,
    c: number,
    eps: number,
    hat: number,
  ): void;
  affineForward(
    x: number,
    w: number,
    b: number,
    y: number,
    m: number,
    k: number,
    n: number,
    hasBias: number,
    relu: number,
  ): void;
  affineBackward(
    x: number,
    w: number,
    dy: number,
    dw: number,
    db: number,
    dx: number,
    scratch: number,
    m: number,
    k: number,
    n: number,
    hasBias: number,
    inputGradient: number,
    throughRelu: number,
  ): void;
  reluBackward(dy: number, x: number, out: number, length: number): void;
  softmaxCrossEntropy(
    y: number,
    labels: number,
    targets: number,
    loss: number,
    grad: number,
    scratch: number,
    n: number,
    classes: number,
    groups: number,
    invN: number,
    useLabels: number,
  ): void;
  movingAverage(
    avg: number,
    value: number,
    out: number,
    length: number,
    decay: number,
    rest: number,
    scale: number,
    hasScale: number,
  ): void;
  matmulNN(a: number, b: number, c: number, m: number, k: number, n: number): void;
  matmulNT(a: number, b: number, scratch: number, c: number, m: number, k: number, n: number): void;
  matmulTN(a: number, b: number, c: number, m: number, k: number, n: number): void;
  batchNormForward(
    x: number,
    gamma: number,
    beta: number,
    y: number,
    xn: number,
    std: number,
    mean: number,
    variance: number,
    n: number,
    d: number,
    invN: number,
    eps: number,
  ): void;
  batchNormBackward(
    dy: number,
    xn: number,
    gamma: number,
    std: number,
    dx: number,
    dgamma: number,
    dbeta: number,
    n: number,
    d: number,
    invN: number,
  ): void;
}

/** The parts of tfjs-backend-wasm's `BackendWasm` the kernels use (not in its public types). */
export interface WasmBackendInternals {
  readonly wasm: { readonly asm?: { readonly memory?: unknown }; readonly HEAPF32: Float32Array };
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number | null } | undefined };
  makeOutput(shape: number[], dtype: "float32"): KernelTensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** A tfjs TensorInfo as a kernel function sees it. */
export interface KernelTensorInfo {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: string;
}

/** Where `t`'s values start in the wasm heap (bytes). */
export function offsetOf(backend: WasmBackendInternals, t: KernelTensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset!;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Instantiates backprop's WebAssembly SIMD module on the memory of tfjs's wasm module, so that its
 * kernels read and write tensors where tfjs keeps them. Undefined where that memory is not
 * reachable or not importable (tfjs's multi-threaded binary uses shared memory): the backend then
 * runs every op on tfjs's own kernels.
 */
export async function instantiateOwnKernels(tf: Tfjs): Promise<OwnKernelExports | undefined> {
  const backend = tf.findBackend("wasm") as unknown as WasmBackendInternals | null;
  const memory = backend?.wasm.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  try {
    const module = await WebAssembly.compile(decode(KERNELS_WASM_BASE64));
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    return instance.exports as unknown as OwnKernelExports;
  } catch {
    return undefined;
  }
}

/** A kernel's body: tfjs's wasm backend, the inputs by name and the attributes; returns the outputs. */
export type OwnKernelBody = (
  wasm: WasmBackendInternals,
  inputs: Readonly<Record<string, KernelTensorInfo>>,
  attrs: Readonly<Record<string, unknown>>,
) => KernelTensorInfo | KernelTensorInfo[];

/** Registers `body` as the tfjs kernel `name` of the wasm backend (once: tfjs's registry is global). */
export function registerOwnKernel(tf: Tfjs, name: string, body: OwnKernelBody): void {
  if (tf.getKernel(name, "wasm") !== undefined) return;
  tf.registerKernel({
    kernelName: name,
    backendName: "wasm",
    kernelFunc: ({ inputs, attrs, backend }) =>
      body(backend as unknown as WasmBackendInternals, inputs as never, attrs as never) as never,
  });
}

/** Runs a kernel registered by {@link registerOwnKernel} through tfjs's engine (which tracks its outputs). */
export function runOwnKernel(
  tf: Tfjs,
  name: string,
  inputs: Readonly<Record<string, TfTensor>>,
  attrs: object = {},
): TfTensor | TfTensor[] {
  return tf.engine().runKernel(name, inputs as never, attrs as never) as TfTensor | TfTensor[];
}

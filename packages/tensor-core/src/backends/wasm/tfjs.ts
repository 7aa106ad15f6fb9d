/** The tfjs-core module, passed around after its dynamic import (never imported statically). */
export type Tfjs = typeof import("@tensorflow/tfjs-core");

/** A tfjs tensor: the wasm backend's handle type. */
export type TfTensor = import("@tensorflow/tfjs-core").Tensor;

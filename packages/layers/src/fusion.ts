import { ReLU } from "./activations.js";
import { Dense } from "./dense.js";
import type { Layer } from "./types.js";

// The layer pairs a Sequential runs as one kernel call: Dense → ReLU forward (the ReLU in the
// product's epilogue) and ReLU → Dense backward (the ReLU's mask applied to the Dense's input
// gradient). Only the library's own classes fuse: a subclass may change forward or backward.

function plain<T extends object>(
  layer: Layer | undefined,
  cls: abstract new (...args: never[]) => T,
): layer is Layer & T {
  return layer !== undefined && Object.getPrototypeOf(layer) === cls.prototype;
}

/** The Dense of a Dense → ReLU pair starting at `layers[i]`, or undefined. */
export function denseBeforeRelu(layers: readonly Layer[], i: number): Dense | undefined {
  const layer = layers[i];
  return plain(layer, Dense) && plain(layers[i + 1], ReLU) ? layer : undefined;
}

/** The Dense of a ReLU → Dense pair ending at `layers[i]` (`i ≥ 1`), or undefined. */
export function denseAfterRelu(layers: readonly Layer[], i: number): Dense | undefined {
  const layer = layers[i];
  return i >= 1 && plain(layer, Dense) && plain(layers[i - 1], ReLU) ? layer : undefined;
}

import { modelTensors, multiLayerNet, type Sequential } from "@backprop/layers";
import { createRng } from "@backprop/random";
import { type BackendName, initBackend, setDefaultBackend } from "@backprop/tensor-core";
import type { Dataset } from "@backprop/trainer";

/** Three Gaussian blobs in `dims` dimensions: a small, learnable, seeded classification set. */
export function blobs(count: number, seed: number, dims = 6, classes = 3): Dataset {
  const rng = createRng(seed);
  const centres = Array.from({ length: classes }, () =>
    Array.from({ length: dims }, () => rng.normal(0, 2)),
  );
  const features = new Float32Array(count * dims);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % classes;
    labels[i] = c;
    for (let d = 0; d < dims; d++) features[i * dims + d] = centres[c]![d]! + rng.normal(0, 1);
  }
  return { count, featureShape: [dims], features, labels };
}

export interface NetOptions {
  readonly seed?: number;
  readonly batchNorm?: boolean;
  readonly dropout?: number;
  readonly hidden?: readonly number[];
  readonly dims?: number;
}

export function net(backend: BackendName, options: NetOptions = {}): Sequential {
  setDefaultBackend(backend);
  return multiLayerNet({
    inputSize: options.dims ?? 6,
    hiddenSizes: options.hidden ?? [16, 12],
    outputSize: 3,
    batchNorm: options.batchNorm ?? false,
    dropout: options.dropout ?? 0,
    weightDecay: 1e-3,
    rng: createRng(options.seed ?? 11),
    backend,
  });
}

/** Every parameter and running statistic as plain numbers, by name. */
export function weights(model: Sequential): Record<string, number[]> {
  return Object.fromEntries([...modelTensors(model)].map(([k, v]) => [k, Array.from(v.values)]));
}

export async function backends(): Promise<void> {
  await initBackend({ backend: "wasm" });
  await initBackend({ backend: "reference" });
}

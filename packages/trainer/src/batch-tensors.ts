import { type BackendName, type Tensor, tensor } from "@backprop/tensor-core";
import { rowSize } from "./dataset-ops.js";
import type { Dataset } from "./types.js";

/**
 * Turns rows of a dataset into the tensors of one batch — features `[n, ...featureShape]` and
 * the loss's targets (int32 class indices, or the dataset's float `targets`) — on one backend,
 * gathering into buffers that are reused from batch to batch (the tensors get copies).
 */
export class BatchTensors {
  readonly #data: Dataset;
  readonly #backend: BackendName;
  readonly #k: number;
  readonly #per: number;
  #features = new Float32Array(0);
  #labels = new Int32Array(0);
  #targets = new Float32Array(0);

  constructor(data: Dataset, backend: BackendName) {
    this.#data = data;
    this.#backend = backend;
    this.#k = rowSize(data);
    this.#per = data.targets === undefined ? 0 : data.targets.values.length / data.count;
  }

  /** The batch of the rows at `indices`; `labels` is the reused buffer of their class indices. */
  make(indices: ArrayLike<number>): { x: Tensor; t: Tensor; labels: Int32Array } {
    const n = indices.length;
    const k = this.#k;
    const data = this.#data;
    if (this.#features.length !== n * k) {
      this.#features = new Float32Array(n * k);
      this.#labels = new Int32Array(n);
      this.#targets = new Float32Array(n * this.#per);
    }
    const per = this.#per;
    const targets = data.targets;
    for (let i = 0; i < n; i++) {
      const row = indices[i]!;
      this.#features.set(data.features.subarray(row * k, row * k + k), i * k);
      this.#labels[i] = data.labels[row]!;
      if (targets !== undefined)
        this.#targets.set(targets.values.subarray(row * per, row * per + per), i * per);
    }
    const backend = this.#backend;
    const x = tensor(this.#features, {
      shape: [n, ...data.featureShape],
      dtype: "float",
      backend,
    });
    const t =
      targets === undefined
        ? tensor(this.#labels, { shape: [n], dtype: "int32", backend })
        : tensor(this.#targets, {
            shape: [n, ...targets.shape.slice(1)],
            dtype: "float",
            backend,
          });
    return { x, t, labels: this.#labels };
  }
}

// The engine behind Sequential.numericalGradient(At) (internal): central differences of the
// training-mode loss, evaluating for each perturbation only the part of the net it changes.
import { concat, scope, type Tensor, tensor } from "@backprop/tensor-core";
import { LeakyReLU, ReLU, Sigmoid, Tanh } from "./activations.js";
import { BatchNorm } from "./batch-norm.js";
import { Dense } from "./dense.js";
import { SoftmaxCrossEntropy, softmaxCrossEntropyGroups } from "./losses.js";
import type { Layer, Loss, ParamMap } from "./types.js";

/** What the engine needs of a Sequential. */
export interface DifferencedNet {
  readonly layers: readonly Layer[];
  readonly params: ParamMap;
  readonly weightDecay: number;
  readonly loss: Loss;
  /** The full training-mode loss, weight decay included: the slow path's f. */
  lossValue(x: Tensor, t: Tensor): number;
}

/**
 * Layers whose training-mode forward depends on nothing but its input and parameters (no random
 * mask), so their output for the unperturbed prefix of the net can be computed once.
 */
function deterministic(layer: Layer): boolean {
  return (
    layer instanceof Dense ||
    layer instanceof ReLU ||
    layer instanceof LeakyReLU ||
    layer instanceof Sigmoid ||
    layer instanceof Tanh ||
    layer instanceof BatchNorm
  );
}

/** Layers that transform each row on its own, so stacking batches along rows changes no bits. */
function rowwise(layer: Layer): boolean {
  return (
    layer instanceof Dense ||
    layer instanceof ReLU ||
    layer instanceof LeakyReLU ||
    layer instanceof Sigmoid ||
    layer instanceof Tanh
  );
}

/** Stacked rows per suffix evaluation of the stacked path (bounds its memory). */
const STACK_ROWS = 6144;

/** Index of the layer that owns parameter `name` (`<layer.name>.<local>`, longest name wins). */
function ownerOf(layers: readonly Layer[], name: string): number {
  let best = -1;
  layers.forEach((layer, i) => {
    if (
      name.startsWith(`${layer.name}.`) &&
      (best < 0 || layer.name.length > layers[best]!.name.length)
    )
      best = i;
  });
  return best;
}

/**
 * `(f(p + h·eᵢ) − f(p − h·eᵢ)) / 2h` for each flat index `i` of parameter `name`, where f is the
 * training-mode loss of the whole net — an honest f at every perturbed point, computed without
 * redoing work the perturbation cannot change:
 *
 * - The layers before the parameter's layer see nothing of it: their output is computed once
 *   (when they are deterministic; otherwise every evaluation runs the whole net, as before).
 * - A dense weight `W[p, j]` on the float64 reference backend changes only column j of
 *   `x·W + b`: that column is recomputed in the order the reference matMul sums (p ascending from
 *   0, then the bias added), so it is bit-identical to a full product, and the layers after it and
 *   the loss run as usual. A dense bias changes `b[j]` in the same column.
 *   When the layers after it transform rows independently (dense, activations) and the loss is
 *   softmax cross-entropy, the perturbed outputs of many entries are stacked along the rows and
 *   run through the rest of the net in one pass, each batch's loss taken with the same ops
 *   (same bits) as the loss gives it alone.
 * - Any other parameter: the layers from its own on run with the perturbed tensor.
 *
 * With weight decay the decay term needs every weight, so each evaluation runs the whole net.
 * The values equal the plain full-net evaluation's bit for bit (tested). BatchNorm running
 * statistics are left as they were.
 */
export function centralDifferences(
  net: DifferencedNet,
  x: Tensor,
  t: Tensor,
  name: string,
  indices: ArrayLike<number>,
  h: number,
): Float64Array {
  const w = net.params.get(name)!;
  const values = Float64Array.from(w.dataSync());
  const grad = new Float64Array(indices.length);
  const layers = net.layers;
  const owner = ownerOf(layers, name);
  const norms = layers.filter((l): l is BatchNorm => l instanceof BatchNorm);
  const stats = norms.map((bn) => [bn.runningMean, bn.runningVar] as const);
  const upload = () => tensor(values, { shape: w.shape, dtype: w.dtype, backend: w.backend });
  const restore = () => {
    net.params.set(name, w);
    norms.forEach((bn, i) => {
      bn.setRunningStats(stats[i]![0], stats[i]![1]);
    });
    for (const [m, v] of stats) {
      m.dispose();
      v.dispose();
    }
  };
  const differences = (f: (i: number) => number) => {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const original = values[i]!;
      values[i] = original + h;
      const plus = f(i);
      values[i] = original - h;
      const minus = f(i);
      values[i] = original;
      grad[k] = (plus - minus) / (2 * h);
    }
  };
  try {
    const fast = net.weightDecay === 0 && owner >= 0 && layers.slice(0, owner).every(deterministic);
    if (!fast) {
      differences(() =>
        scope(() => {
          net.params.set(name, upload());
          return net.lossValue(x, t);
        }),
      );
      return grad;
    }
    const forward = { training: true } as const;
    // The rest of the net from layer `start` on, and the loss, on input `input`.
    const lossFrom = (start: number, input: Tensor) =>
      scope(() => {
        let out = input;
        for (let l = start; l < layers.length; l++) out = layers[l]!.forward(out, forward);
        return net.loss.forward(out, t).item();
      });
    scope(() => {
      const prefix = scope(() => {
        let out = x;
        for (let l = 0; l < owner; l++) out = layers[l]!.forward(out, forward);
        return out;
      });
      const layer = layers[owner]!;
      const column =
        layer instanceof Dense && w.backend === "reference" && prefix.rank === 2
          ? denseColumn(layer, name, prefix, values)
          : undefined;
      if (column === undefined) {
        differences(() =>
          scope(() => {
            net.params.set(name, upload());
            return lossFrom(owner, prefix);
          }),
        );
        return;
      }
      const stackable =
        net.loss instanceof SoftmaxCrossEntropy &&
        (t.rank === 1 || t.rank === 2) &&
        layers.slice(owner + 1).every(rowwise);
      if (!stackable) {
        differences((i) =>
          lossFrom(owner + 1, tensor(column.at(i), { shape: column.shape, backend: "reference" })),
        );
        return;
      }
      // Many perturbed outputs stacked along the rows, through the rest of the net at once.
      const [rows, n] = column.shape;
      const perChunk = Math.max(1, Math.floor(STACK_ROWS / (2 * rows)));
      const tiles = new Map<number, Tensor>();
      const tiled = (groups: number) => {
        let tt = tiles.get(groups);
        if (tt === undefined) {
          tt = concat(
            Array.from({ length: groups }, () => t),
            { axis: 0 },
          );
          tiles.set(groups, tt);
        }
        return tt;
      };
      for (let start = 0; start < indices.length; start += perChunk) {
        const count = Math.min(perChunk, indices.length - start);
        const stacked = new Float64Array(2 * count * rows * n);
        for (let q = 0; q < count; q++) {
          const i = indices[start + q]!;
          const original = values[i]!;
          values[i] = original + h;
          column.at(i, stacked, 2 * q * rows * n);
          values[i] = original - h;
          column.at(i, stacked, (2 * q + 1) * rows * n);
          values[i] = original;
        }
        const targets = tiled(2 * count);
        const losses = scope(() => {
          let out = tensor(stacked, { shape: [2 * count * rows, n], backend: "reference" });
          for (let l = owner + 1; l < layers.length; l++) out = layers[l]!.forward(out, forward);
          return softmaxCrossEntropyGroups(out, targets, 2 * count);
        });
        for (let q = 0; q < count; q++)
          grad[start + q] = (losses[2 * q]! - losses[2 * q + 1]!) / (2 * h);
      }
    });
  } finally {
    restore();
  }
  return grad;
}

/** A dense layer's output `x·W + b` at perturbed weights or biases, one column at a time. */
interface DenseColumn {
  readonly shape: readonly [number, number];
  /**
   * Writes the output for the current `values` — where only entry `i` differs from the
   * unperturbed — into `out` from `offset` on (a fresh array when `out` is omitted).
   */
  at(i: number, out?: Float64Array, offset?: number): Float64Array;
}

/**
 * The output of `layer` on `x` while entry `i` of its weight or bias (`values`, flat row-major)
 * is perturbed: only column `i mod out` (weight) or `i` (bias) changes, so only it is recomputed.
 */
function denseColumn(
  layer: Dense,
  name: string,
  x: Tensor,
  values: Float64Array,
): DenseColumn | undefined {
  const isWeight = name === `${layer.name}.weight`;
  const isBias = name === `${layer.name}.bias`;
  if (!isWeight && !isBias) return undefined;
  const rows = x.shape[0]!;
  const k = layer.inFeatures;
  const n = layer.outFeatures;
  const xv = x.dataSync() as Float64Array;
  const wv = isWeight
    ? Float64Array.from(values)
    : (layer.params.get(`${layer.name}.weight`)!.dataSync() as Float64Array);
  const bias = layer.useBias ? layer.params.get(`${layer.name}.bias`) : undefined;
  const bv = isBias ? values : (bias?.dataSync() as Float64Array | undefined);
  // The weights by column (W[p][j] at wt[j·k + p]), so a column's dot products read memory in
  // order; the products still sum over p ascending from 0, as the matMul does.
  const wt = new Float64Array(k * n);
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) wt[j * k + p] = wv[p * n + j]!;
  // The unperturbed x·W (no bias) and x·W + b, once.
  const xw = new Float64Array(rows * n);
  for (let j = 0; j < n; j++) columnProduct(xv, wt, xw, rows, k, n, j);
  const base = new Float64Array(rows * n);
  for (let e = 0; e < base.length; e++) base[e] = bv === undefined ? xw[e]! : xw[e]! + bv[e % n]!;
  const scratch = new Float64Array(rows * n);
  return {
    shape: [rows, n],
    at(i, out = new Float64Array(rows * n), offset = 0) {
      const j = isWeight ? i % n : i;
      let product = xw;
      if (isWeight) {
        const at = j * k + Math.floor(i / n);
        wt[at] = values[i]!;
        columnProduct(xv, wt, scratch, rows, k, n, j);
        wt[at] = wv[i]!;
        product = scratch;
      }
      out.set(base, offset);
      for (let r = 0; r < rows; r++)
        out[offset + r * n + j] =
          bv === undefined ? product[r * n + j]! : product[r * n + j]! + bv[j]!;
      return out;
    },
  };
}

/**
 * Column j of x·W for x `[rows, k]` and W given by columns (`wt[j·k + p]`), summed over p
 * ascending from 0 (as the reference matMul does), into `out[r·n + j]`.
 */
function columnProduct(
  x: Float64Array,
  wt: Float64Array,
  out: Float64Array,
  rows: number,
  k: number,
  n: number,
  j: number,
): void {
  const col = j * k;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * k;
    for (let p = 0; p < k; p++) s += x[base + p]! * wt[col + p]!;
    out[r * n + j] = s;
  }
}

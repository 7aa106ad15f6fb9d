import type { ArgReduceOp, ReduceOp, TensorInfo } from "../../backend.js";
import { allocArray } from "../../dtype.js";
import { sizeOf } from "../../shape.js";
import type { TypedArray } from "../../types.js";
import { valuesOf } from "./storage.js";

/**
 * The shape split around one axis: `outer` blocks of `n` elements spaced `inner` apart. Element
 * (o, k, i) of the axis view lives at `(o · n + k) · inner + i`.
 */
export function aroundAxis(
  shape: readonly number[],
  axis: number,
): { outer: number; n: number; inner: number } {
  return {
    outer: sizeOf(shape.slice(0, axis)),
    n: shape[axis]!,
    inner: sizeOf(shape.slice(axis + 1)),
  };
}

/** Reduces over `axes` (sorted, unique); the output drops them. */
export function reduceValues(op: ReduceOp, x: TensorInfo, axes: readonly number[]): TypedArray {
  const src = valuesOf(x);
  const shape = x.shape;
  const keptShape = shape.filter((_, i) => !axes.includes(i));
  const outSize = sizeOf(keptShape);
  // Output stride of each input axis (0 on reduced axes).
  const outStride = new Array<number>(shape.length).fill(0);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (!axes.includes(d)) {
      outStride[d] = stride;
      stride *= shape[d]!;
    }
  }
  const acc = new Float64Array(outSize);
  const init =
    op === "max" ? Number.NEGATIVE_INFINITY : op === "min" ? Number.POSITIVE_INFINITY : 0;
  acc.fill(init);
  const counter = new Array<number>(shape.length).fill(0);
  let o = 0;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    const cur = acc[o]!;
    if (op === "max") acc[o] = v > cur || Number.isNaN(v) ? v : cur;
    else if (op === "min") acc[o] = v < cur || Number.isNaN(v) ? v : cur;
    else acc[o] = cur + v;
    for (let d = shape.length - 1; d >= 0; d--) {
      counter[d]!++;
      o += outStride[d]!;
      if (counter[d]! < shape[d]!) break;
      o -= outStride[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
  if (op === "mean") {
    const count = src.length / Math.max(outSize, 1);
    for (let i = 0; i < outSize; i++) acc[i] = acc[i]! / count;
  }
  const out = allocArray(x.dtype, outSize);
  out.set(acc);
  return out;
}

/** Index of the first max (min) along `axis`; NaN counts as the extreme, like numpy. */
export function argReduceValues(op: ArgReduceOp, x: TensorInfo, axis: number): Int32Array {
  const src = valuesOf(x);
  const { outer, n, inner } = aroundAxis(x.shape, axis);
  const out = new Int32Array(outer * inner);
  const better =
    op === "argMax" ? (v: number, best: number) => v > best : (v: number, best: number) => v < best;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = src[base]!;
      let bestK = 0;
      if (!Number.isNaN(best)) {
        for (let k = 1; k < n; k++) {
          const v = src[base + k * inner]!;
          if (Number.isNaN(v)) {
            bestK = k;
            break;
          }
          if (better(v, best)) {
            best = v;
            bestK = k;
          }
        }
      }
      out[o * inner + i] = bestK;
    }
  }
  return out;
}

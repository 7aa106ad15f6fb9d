import type { TensorInfo } from "../../backend.js";
import { allocArray } from "../../dtype.js";
import { sizeOf, stridesOf } from "../../shape.js";
import type { TypedArray } from "../../types.js";
import { transposeMatrix } from "./matmul.js";
import { aroundAxis } from "./reduce.js";
import { valuesOf } from "./storage.js";

/** Permutes axes: output axis i is input axis perm[i]. */
export function transposeValues(x: TensorInfo, perm: readonly number[]): TypedArray {
  const src = valuesOf(x);
  const shape = x.shape;
  if (shape.length === 2 && perm[0] === 1 && x.dtype === "float64") {
    return transposeMatrix(src as Float64Array, shape[0]!, shape[1]!);
  }
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = stridesOf(shape);
  const step = perm.map((p) => inStrides[p]!);
  const out = allocArray(x.dtype, src.length);
  const rank = outShape.length;
  const counter = new Array<number>(rank).fill(0);
  let s = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = src[s]!;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]!++;
      s += step[d]!;
      if (counter[d]! < outShape[d]!) break;
      s -= step[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
  return out;
}

/** A block `begin`..`begin+size` (complete, validated). */
export function sliceValues(
  x: TensorInfo,
  begin: readonly number[],
  size: readonly number[],
): TypedArray {
  const src = valuesOf(x);
  const strides = stridesOf(x.shape);
  const out = allocArray(x.dtype, sizeOf(size));
  if (out.length === 0) return out;
  const rank = size.length;
  // Copy innermost runs with subarray/set.
  const run = rank === 0 ? 1 : size[rank - 1]!;
  const outer = out.length / Math.max(run, 1);
  const counter = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let r = 0; r < outer; r++) {
    let offset = rank === 0 ? 0 : begin[rank - 1]!;
    for (let d = 0; d < rank - 1; d++) offset += (begin[d]! + counter[d]!) * strides[d]!;
    out.set(src.subarray(offset, offset + run), r * run);
    for (let d = rank - 2; d >= 0; d--) {
      counter[d]!++;
      if (counter[d]! < size[d]!) break;
      counter[d] = 0;
    }
  }
  return out;
}

/** Slices of `x` along `axis` picked by `indices` (int32, validated). */
export function gatherValues(x: TensorInfo, indices: TensorInfo, axis: number): TypedArray {
  const src = valuesOf(x);
  const idx = valuesOf(indices);
  const { outer, n, inner } = aroundAxis(x.shape, axis);
  const out = allocArray(x.dtype, outer * idx.length * inner);
  for (let o = 0; o < outer; o++) {
    for (let t = 0; t < idx.length; t++) {
      const from = (o * n + idx[t]!) * inner;
      out.set(src.subarray(from, from + inner), (o * idx.length + t) * inner);
    }
  }
  return out;
}

/** Joins along `axis` (shapes validated). */
export function concatValues(xs: readonly TensorInfo[], axis: number): TypedArray {
  const first = xs[0]!;
  const outer = sizeOf(first.shape.slice(0, axis));
  const inner = sizeOf(first.shape.slice(axis + 1));
  const widths = xs.map((x) => x.shape[axis]! * inner);
  const rowWidth = widths.reduce((s, w) => s + w, 0);
  const out = allocArray(first.dtype, outer * rowWidth);
  for (let o = 0; o < outer; o++) {
    let at = o * rowWidth;
    xs.forEach((x, t) => {
      const w = widths[t]!;
      out.set(valuesOf(x).subarray(o * w, o * w + w), at);
      at += w;
    });
  }
  return out;
}

import { sizeOf, stridesOf } from "../../shape.js";
import type { Shape } from "../../types.js";

/**
 * For each element of `outShape`, the flat index of the element of `inShape` that broadcasts to
 * it (numpy rules: dims aligned from the right; a dim of 1 repeats).
 */
export function broadcastIndex(inShape: Shape, outShape: Shape): Int32Array {
  const outSize = sizeOf(outShape);
  const index = new Int32Array(outSize);
  const rank = outShape.length;
  const offset = rank - inShape.length;
  const inStrides = stridesOf(inShape);
  // Effective stride of each output axis in the input (0 where the input repeats).
  const step = new Array<number>(rank).fill(0);
  for (let i = 0; i < inShape.length; i++) step[i + offset] = inShape[i] === 1 ? 0 : inStrides[i]!;
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < outSize; o++) {
    index[o] = src;
    // Increment the multi-index like an odometer, updating the source offset incrementally.
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]!++;
      src += step[d]!;
      if (counter[d]! < outShape[d]!) break;
      src -= step[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
  return index;
}

/** True when the two shapes are identical. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

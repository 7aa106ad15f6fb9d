import type { TensorInfo } from "../../backend.js";
import { aroundAxis } from "./reduce.js";
import { floatsOf } from "./storage.js";

/** Max-subtracted softmax (or log-softmax) along `axis`. */
export function softmaxValues(x: TensorInfo, axis: number, log: boolean): Float64Array {
  const src = floatsOf(x);
  const out = new Float64Array(src.length);
  const { outer, n, inner } = aroundAxis(x.shape, axis);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) m = Math.max(m, src[base + k * inner]!);
      if (m === Number.NEGATIVE_INFINITY) m = 0; // an all -Infinity row: exp(x - 0) = 0, log gives NaN-free -Infinity
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(src[base + k * inner]! - m);
      if (log) {
        const lse = m + Math.log(s);
        for (let k = 0; k < n; k++) out[base + k * inner] = src[base + k * inner]! - lse;
      } else {
        for (let k = 0; k < n; k++)
          out[base + k * inner] = Math.exp(src[base + k * inner]! - m) / s;
      }
    }
  }
  return out;
}

/** `max + log Σ exp(x − max)` along `axis`; the output drops the axis. */
export function logSumExpValues(x: TensorInfo, axis: number): Float64Array {
  const src = floatsOf(x);
  const { outer, n, inner } = aroundAxis(x.shape, axis);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) m = Math.max(m, src[base + k * inner]!);
      if (!Number.isFinite(m)) {
        out[o * inner + i] = m;
        continue;
      }
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(src[base + k * inner]! - m);
      out[o * inner + i] = m + Math.log(s);
    }
  }
  return out;
}

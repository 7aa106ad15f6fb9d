import type { BinaryOp, CompareOp, LogicalOp, TensorInfo, UnaryOp } from "../../backend.js";
import { allocArray } from "../../dtype.js";
import { sizeOf } from "../../shape.js";
import type { DType, Shape, TypedArray } from "../../types.js";
import { broadcastIndex, sameShape } from "./broadcast.js";
import { valuesOf } from "./storage.js";

type Fn1 = (x: number) => number;
type Fn2 = (a: number, b: number) => number;

const sigmoid: Fn1 = (x) => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};

export const UNARY: Record<UnaryOp, Fn1> = {
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN),
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sigmoid,
  tanh: Math.tanh,
  relu: (x) => (x > 0 ? x : x <= 0 ? 0 : Number.NaN),
  step: (x) => (x > 0 ? 1 : x <= 0 ? 0 : Number.NaN),
};

/** NaN-propagating max/min (Math.max already propagates NaN). */
export const BINARY: Record<BinaryOp, Fn2> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  maximum: Math.max,
  minimum: Math.min,
};

export const COMPARE: Record<CompareOp, Fn2> = {
  equal: (a, b) => (a === b ? 1 : 0),
  notEqual: (a, b) => (a !== b ? 1 : 0),
  greater: (a, b) => (a > b ? 1 : 0),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
  less: (a, b) => (a < b ? 1 : 0),
  lessEqual: (a, b) => (a <= b ? 1 : 0),
};

export const LOGICAL: Record<LogicalOp, Fn2> = {
  logicalAnd: (a, b) => (a && b ? 1 : 0),
  logicalOr: (a, b) => (a || b ? 1 : 0),
};

/** Applies `fn` to every element into a new array of `dtype`. */
export function map1(x: TensorInfo, dtype: DType, fn: Fn1): TypedArray {
  const src = valuesOf(x);
  const out = allocArray(dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = fn(src[i]!);
  return out;
}

/** Applies `fn` pairwise with numpy broadcasting into a new array of `dtype`. */
export function map2(
  a: TensorInfo,
  b: TensorInfo,
  outShape: Shape,
  dtype: DType,
  fn: Fn2,
): TypedArray {
  const av = valuesOf(a);
  const bv = valuesOf(b);
  const n = sizeOf(outShape);
  const out = allocArray(dtype, n);
  if (sameShape(a.shape, outShape) && sameShape(b.shape, outShape)) {
    for (let i = 0; i < n; i++) out[i] = fn(av[i]!, bv[i]!);
  } else if (bv.length === 1 && sameShape(a.shape, outShape)) {
    const s = bv[0]!;
    for (let i = 0; i < n; i++) out[i] = fn(av[i]!, s);
  } else if (av.length === 1 && sameShape(b.shape, outShape)) {
    const s = av[0]!;
    for (let i = 0; i < n; i++) out[i] = fn(s, bv[i]!);
  } else if (sameShape(a.shape, outShape) && isTrailing(b.shape, outShape)) {
    // A row (bias, per-feature statistics) repeated over the leading axes.
    const m = bv.length;
    for (let i = 0; i < n; i++) out[i] = fn(av[i]!, bv[i % m]!);
  } else if (sameShape(b.shape, outShape) && isTrailing(a.shape, outShape)) {
    const m = av.length;
    for (let i = 0; i < n; i++) out[i] = fn(av[i % m]!, bv[i]!);
  } else {
    const ia = broadcastIndex(a.shape, outShape);
    const ib = broadcastIndex(b.shape, outShape);
    for (let i = 0; i < n; i++) out[i] = fn(av[ia[i]!]!, bv[ib[i]!]!);
  }
  return out;
}

/**
 * True when `inner` (at least one element) equals the trailing dims of `outer` after dropping
 * leading 1s, so that element i of `outer` reads element `i mod size(inner)`.
 */
function isTrailing(inner: Shape, outer: Shape): boolean {
  let start = 0;
  while (start < inner.length && inner[start] === 1) start++;
  const rest = inner.length - start;
  if (rest === 0 || rest > outer.length) return false;
  for (let i = 0; i < rest; i++)
    if (inner[start + i] !== outer[outer.length - rest + i]) return false;
  return sizeOf(inner) > 0;
}

/** `cond ? a : b` with broadcasting of all three. */
export function select(
  cond: TensorInfo,
  a: TensorInfo,
  b: TensorInfo,
  outShape: Shape,
): TypedArray {
  const n = sizeOf(outShape);
  const cv = valuesOf(cond);
  const av = valuesOf(a);
  const bv = valuesOf(b);
  const ic = broadcastIndex(cond.shape, outShape);
  const ia = broadcastIndex(a.shape, outShape);
  const ib = broadcastIndex(b.shape, outShape);
  const out = allocArray(a.dtype, n);
  for (let i = 0; i < n; i++) out[i] = cv[ic[i]!] ? av[ia[i]!]! : bv[ib[i]!]!;
  return out;
}

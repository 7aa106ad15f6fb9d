// The dense layer's passes in one call each: forward y = x·W + b, backward dW = xᵀ·dy, db = Σ dy
// and dx = dy·Wᵀ. The products are gemm.ts's (every element the in-order float32 sum), the bias
// is added to each finished sum and the column sums run down the rows from 0, so each value is
// what the composed ops (matMul, add; matMulTN, sum, matMulNT) give, bit for bit.
// Byte offsets throughout; x [m×k], W [k×n], dy and y [m×n], all row-major float32.
import { product } from "./gemm";
import { transpose } from "./transpose";

/**
 * y = x·W, plus b [n] on every row when `hasBias`, then max(y, 0) when `relu` (tfjs's ReLU: +0 for
 * −0, NaN kept).
 */
export function affineForward(
  x: usize, w: usize, b: usize, y: usize,
  m: i32, k: i32, n: i32, hasBias: i32, relu: i32,
): void {
  product(x, w, y, m, k, n, <usize>k, 1);
  if (!hasBias && !relu) return;
  const n4 = n & ~3;
  const row = <usize>n << 2;
  const zero = f32x4.splat(0);
  for (let i = 0, at = y; i < m; i++, at += row) {
    let j = 0;
    for (; j < n4; j += 4) {
      const off = <usize>j << 2;
      let v = v128.load(at + off);
      if (hasBias) v = f32x4.add(v, v128.load(b + off));
      if (relu) v = f32x4.max(v, zero);
      v128.store(at + off, v);
    }
    for (; j < n; j++) {
      const off = <usize>j << 2;
      let v = load<f32>(at + off);
      if (hasBias) v += load<f32>(b + off);
      if (relu && !(v > 0) && v == v) v = 0;
      store<f32>(at + off, v);
    }
  }
}

/** db[j] = Σ_i dy[i, j], i = 0, 1, …, m − 1, from 0. */
function columnSums(dy: usize, db: usize, m: i32, n: i32): void {
  const n4 = n & ~3;
  const row = <usize>n << 2;
  let j = 0;
  for (; j < n4; j += 4) {
    let acc = f32x4.splat(0);
    for (let i = 0, at = dy + (<usize>j << 2); i < m; i++, at += row) acc = f32x4.add(acc, v128.load(at));
    v128.store(db + (<usize>j << 2), acc);
  }
  for (; j < n; j++) {
    let acc: f32 = 0;
    for (let i = 0, at = dy + (<usize>j << 2); i < m; i++, at += row) acc += load<f32>(at);
    store<f32>(db + (<usize>j << 2), acc);
  }
}

/**
 * dW [k×n] = xᵀ·dy; db [n] = Σ dy when `hasBias`; dx [m×k] = dy·Wᵀ when `inputGradient`, through
 * Wᵀ written to `scratch` (n·k floats) first, as the composed matMulNT transposes; with
 * `throughRelu`, dx·[x > 0] (x the output of a ReLU, so this is that ReLU's input gradient).
 */
export function affineBackward(
  x: usize, w: usize, dy: usize, dw: usize, db: usize, dx: usize, scratch: usize,
  m: i32, k: i32, n: i32, hasBias: i32, inputGradient: i32, throughRelu: i32,
): void {
  product(x, dy, dw, k, m, n, 1, <usize>k);
  if (hasBias) columnSums(dy, db, m, n);
  if (!inputGradient) return;
  transpose(w, scratch, k, n);
  product(dy, scratch, dx, m, n, k, <usize>n, 1);
  if (throughRelu) reluBackward(dx, x, dx, m * k);
}

/** out = dy·[x > 0] (NaN where x is NaN), as the composed `mul(dy, step(x))`. */
export function reluBackward(dy: usize, x: usize, out: usize, length: i32): void {
  const n4 = length & ~3;
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let i = 0; i < n4; i += 4) {
    const off = <usize>i << 2;
    const v = v128.load(x + off);
    const step = v128.bitselect(v, v128.bitselect(one, zero, f32x4.gt(v, zero)), f32x4.ne(v, v));
    v128.store(out + off, f32x4.mul(v128.load(dy + off), step));
  }
  for (let i = n4; i < length; i++) {
    const off = <usize>i << 2;
    const v = load<f32>(x + off);
    const step: f32 = v != v ? v : v > 0 ? 1 : 0;
    store<f32>(out + off, load<f32>(dy + off) * step);
  }
}

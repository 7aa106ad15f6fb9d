// AssemblyScript source of backprop's float32 matrix product (compiled to a WebAssembly SIMD module
// by `pnpm build:kernels`; src/backends/wasm/kernels-binary.ts holds the binary). The module imports
// the tfjs wasm backend's memory and reads and writes tensors where tfjs keeps them.
//
// C[m×n] = op(A)·B, row-major float32, B [k×n] with rows `n` floats apart, C dense. A's element
// (i, p) is at a + 4·(i·ai + p·ap): (ai, ap) = (k, 1) for A [m×k], (1, m) for Aᵀ with A [k×m].
//
// Every C[i, j] is the same sum in every tile and in the scalar edge: starting from 0, add
// A(i, p)·B(p, j) for p = 0, 1, …, k − 1, each product and sum rounded to float32 (WebAssembly
// never fuses a multiply and an add). So the result does not depend on where an element falls.
import { transpose } from "./transpose";

@inline
function mac(acc: v128, x: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(x, b));
}

/** Rows i0…i0+3, columns j0…j0+7. */
@inline
function tile4x8(a: usize, b: usize, c: usize, k: i32, n: i32, ai: usize, ap: usize, i0: i32, j0: i32): void {
  const rowB = <usize>n << 2;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let pa = a + ((<usize>i0 * ai) << 2);
  let pb = b + (<usize>j0 << 2);
  const si = ai << 2;
  const sp = ap << 2;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const x0 = v128.load32_splat(pa);
    const x1 = v128.load32_splat(pa + si);
    const x2 = v128.load32_splat(pa + 2 * si);
    const x3 = v128.load32_splat(pa + 3 * si);
    c00 = mac(c00, x0, b0);
    c01 = mac(c01, x0, b1);
    c10 = mac(c10, x1, b0);
    c11 = mac(c11, x1, b1);
    c20 = mac(c20, x2, b0);
    c21 = mac(c21, x2, b1);
    c30 = mac(c30, x3, b0);
    c31 = mac(c31, x3, b1);
    pa += sp;
    pb += rowB;
  }
  const pc = c + ((<usize>i0 * <usize>n + <usize>j0) << 2);
  v128.store(pc, c00);
  v128.store(pc, c01, 16);
  v128.store(pc + rowB, c10);
  v128.store(pc + rowB, c11, 16);
  v128.store(pc + 2 * rowB, c20);
  v128.store(pc + 2 * rowB, c21, 16);
  v128.store(pc + 3 * rowB, c30);
  v128.store(pc + 3 * rowB, c31, 16);
}

/** Rows i0…i0+3, columns j0…j0+3. */
@inline
function tile4x4(a: usize, b: usize, c: usize, k: i32, n: i32, ai: usize, ap: usize, i0: i32, j0: i32): void {
  const rowB = <usize>n << 2;
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let pa = a + ((<usize>i0 * ai) << 2);
  let pb = b + (<usize>j0 << 2);
  const si = ai << 2;
  const sp = ap << 2;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    c0 = mac(c0, v128.load32_splat(pa), b0);
    c1 = mac(c1, v128.load32_splat(pa + si), b0);
    c2 = mac(c2, v128.load32_splat(pa + 2 * si), b0);
    c3 = mac(c3, v128.load32_splat(pa + 3 * si), b0);
    pa += sp;
    pb += rowB;
  }
  const pc = c + ((<usize>i0 * <usize>n + <usize>j0) << 2);
  v128.store(pc, c0);
  v128.store(pc + rowB, c1);
  v128.store(pc + 2 * rowB, c2);
  v128.store(pc + 3 * rowB, c3);
}

/** Row i, columns j0…j0+3 (the rows below the last full group of four). */
@inline
function tile1x4(a: usize, b: usize, c: usize, k: i32, n: i32, ai: usize, ap: usize, i: i32, j0: i32): void {
  const rowB = <usize>n << 2;
  let acc = f32x4.splat(0);
  let pa = a + ((<usize>i * ai) << 2);
  let pb = b + (<usize>j0 << 2);
  const sp = ap << 2;
  for (let p = 0; p < k; p++) {
    acc = mac(acc, v128.load32_splat(pa), v128.load(pb));
    pa += sp;
    pb += rowB;
  }
  v128.store(c + ((<usize>i * <usize>n + <usize>j0) << 2), acc);
}

/** B(p, j0…j0+r−1) in the low lanes (r = 1, 2, 3), zeros above: never reads past the row. */
@inline
function loadPartial(pb: usize, r: i32): v128 {
  if (r == 1) return v128.load32_zero(pb);
  const two = v128.load64_zero(pb);
  return r == 2 ? two : f32x4.replace_lane(two, 2, load<f32>(pb, 8));
}

@inline
function storePartial(pc: usize, v: v128, r: i32): void {
  store<f32>(pc, f32x4.extract_lane(v, 0));
  if (r > 1) store<f32>(pc, f32x4.extract_lane(v, 1), 4);
  if (r > 2) store<f32>(pc, f32x4.extract_lane(v, 2), 8);
}

/** Rows i0…i0+3, the last r = n mod 4 columns (j0 = n − r). */
@inline
function tile4xR(a: usize, b: usize, c: usize, k: i32, n: i32, ai: usize, ap: usize, i0: i32, j0: i32): void {
  const r = n - j0;
  const rowB = <usize>n << 2;
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let pa = a + ((<usize>i0 * ai) << 2);
  let pb = b + (<usize>j0 << 2);
  const si = ai << 2;
  const sp = ap << 2;
  for (let p = 0; p < k; p++) {
    const b0 = loadPartial(pb, r);
    c0 = mac(c0, v128.load32_splat(pa), b0);
    c1 = mac(c1, v128.load32_splat(pa + si), b0);
    c2 = mac(c2, v128.load32_splat(pa + 2 * si), b0);
    c3 = mac(c3, v128.load32_splat(pa + 3 * si), b0);
    pa += sp;
    pb += rowB;
  }
  const pc = c + ((<usize>i0 * <usize>n + <usize>j0) << 2);
  storePartial(pc, c0, r);
  storePartial(pc + rowB, c1, r);
  storePartial(pc + 2 * rowB, c2, r);
  storePartial(pc + 3 * rowB, c3, r);
}

/** Row i, columns j0…j0+15: four independent sums in flight (a single row, e.g. a column sum). */
@inline
function tile1x16(a: usize, b: usize, c: usize, k: i32, n: i32, ai: usize, ap: usize, i: i32, j0: i32): void {
  const rowB = <usize>n << 2;
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let pa = a + ((<usize>i * ai) << 2);
  let pb = b + (<usize>j0 << 2);
  const sp = ap << 2;
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(pa);
    c0 = mac(c0, x, v128.load(pb));
    c1 = mac(c1, x, v128.load(pb, 16));
    c2 = mac(c2, x, v128.load(pb, 32));
    c3 = mac(c3, x, v128.load(pb, 48));
    pa += sp;
    pb += rowB;
  }
  const pc = c + ((<usize>i * <usize>n + <usize>j0) << 2);
  v128.store(pc, c0);
  v128.store(pc, c1, 16);
  v128.store(pc, c2, 32);
  v128.store(pc, c3, 48);
}

/** One element (below the last group of four rows, right of the last group of four columns). */
@inline
function element(a: usize, b: usize, c: usize, k: i32, n: i32, ai: usize, ap: usize, i: i32, j: i32): void {
  const rowB = <usize>n << 2;
  let acc: f32 = 0;
  let pa = a + ((<usize>i * ai) << 2);
  let pb = b + (<usize>j << 2);
  const sp = ap << 2;
  for (let p = 0; p < k; p++) {
    acc += load<f32>(pa) * load<f32>(pb);
    pa += sp;
    pb += rowB;
  }
  store<f32>(c + ((<usize>i * <usize>n + <usize>j) << 2), acc);
}

/** C[m×n] = op(A)·B, A's element (i, p) at a + 4·(i·ai + p·ap) (the other kernels' entry too). */
export function product(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, ai: usize, ap: usize): void {
  const m4 = m & ~3;
  const n4 = n & ~3;
  let j = 0;
  // Column strips outermost: a strip of B (k rows × 8 floats) stays in L1 while the rows pass.
  for (; j + 8 <= n; j += 8) {
    for (let i = 0; i < m4; i += 4) tile4x8(a, b, c, k, n, ai, ap, i, j);
  }
  for (; j < n4; j += 4) {
    for (let i = 0; i < m4; i += 4) tile4x4(a, b, c, k, n, ai, ap, i, j);
  }
  if (n4 < n) {
    for (let i = 0; i < m4; i += 4) tile4xR(a, b, c, k, n, ai, ap, i, n4);
  }
  for (let i = m4; i < m; i++) {
    let jj = 0;
    for (; jj + 16 <= n4; jj += 16) tile1x16(a, b, c, k, n, ai, ap, i, jj);
    for (; jj < n4; jj += 4) tile1x4(a, b, c, k, n, ai, ap, i, jj);
  }
  for (let i = m4; i < m; i++) {
    for (let jj = n4; jj < n; jj++) element(a, b, c, k, n, ai, ap, i, jj);
  }
}

/** C[m×n] = A·B with A [m×k] at `a`, B [k×n] at `b`, C at `c` (byte offsets). */
export function matmulNN(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32): void {
  product(a, b, c, m, k, n, <usize>k, 1);
}

/**
 * C[m×n] = A·Bᵀ with A [m×k] at `a`, B [n×k] at `b`, C at `c`: Bᵀ written to `scratch` (k·n
 * floats) first, then the product, so each element is the same in-order sum as A·(Bᵀ).
 */
export function matmulNT(a: usize, b: usize, scratch: usize, c: usize, m: i32, k: i32, n: i32): void {
  transpose(b, scratch, n, k);
  product(a, scratch, c, m, k, n, <usize>k, 1);
}

/** C[m×n] = Aᵀ·B with A [k×m] at `a`, B [k×n] at `b`, C at `c` (byte offsets). */
export function matmulTN(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32): void {
  product(a, b, c, m, k, n, 1, <usize>m);
}

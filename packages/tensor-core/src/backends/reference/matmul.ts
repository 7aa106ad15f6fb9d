/**
 * Float64 matrix product for the reference backend: `op(a)·op(b)`, cache-blocked.
 *
 * Both operands are first packed row-major (`A` as m×k, `B` as k×n; a transposed operand is copied
 * once, so the inner loop never walks a stride). The kernel then computes four rows of C at a time
 * ("broadcast a, stream b"): for each k it loads four scalars of A and streams one contiguous row
 * of B into four accumulator rows of C. Columns are blocked so four C row-blocks and the
 * streamed B block stay in cache, and k is blocked so the B block is reused across rows.
 */
const COL_BLOCK = 256;
const K_BLOCK = 128;

export function matMulValues(
  a: Float64Array,
  aRows: number,
  aCols: number,
  b: Float64Array,
  bRows: number,
  bCols: number,
  transposeA: boolean,
  transposeB: boolean,
): Float64Array {
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  const A = transposeA ? transposeMatrix(a, aRows, aCols) : a;
  const B = transposeB ? transposeMatrix(b, bRows, bCols) : b;
  const C = new Float64Array(m * n);
  for (let j0 = 0; j0 < n; j0 += COL_BLOCK) {
    const j1 = Math.min(j0 + COL_BLOCK, n);
    for (let k0 = 0; k0 < k; k0 += K_BLOCK) {
      const k1 = Math.min(k0 + K_BLOCK, k);
      let i = 0;
      for (; i + 4 <= m; i += 4) kernel4(A, B, C, i, k, n, j0, j1, k0, k1);
      for (; i < m; i++) kernel1(A, B, C, i, k, n, j0, j1, k0, k1);
    }
  }
  return C;
}

function kernel4(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  i: number,
  k: number,
  n: number,
  j0: number,
  j1: number,
  k0: number,
  k1: number,
): void {
  const r0 = i * n;
  const r1 = r0 + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  const a0 = i * k;
  const a1 = a0 + k;
  const a2 = a1 + k;
  const a3 = a2 + k;
  for (let p = k0; p < k1; p++) {
    const x0 = A[a0 + p]!;
    const x1 = A[a1 + p]!;
    const x2 = A[a2 + p]!;
    const x3 = A[a3 + p]!;
    const bRow = p * n;
    for (let j = j0; j < j1; j++) {
      const y = B[bRow + j]!;
      C[r0 + j] = C[r0 + j]! + x0 * y;
      C[r1 + j] = C[r1 + j]! + x1 * y;
      C[r2 + j] = C[r2 + j]! + x2 * y;
      C[r3 + j] = C[r3 + j]! + x3 * y;
    }
  }
}

function kernel1(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  i: number,
  k: number,
  n: number,
  j0: number,
  j1: number,
  k0: number,
  k1: number,
): void {
  const r0 = i * n;
  const a0 = i * k;
  for (let p = k0; p < k1; p++) {
    const x0 = A[a0 + p]!;
    const bRow = p * n;
    for (let j = j0; j < j1; j++) C[r0 + j] = C[r0 + j]! + x0 * B[bRow + j]!;
  }
}

/** Row-major transpose of a rows×cols matrix, in 32×32 tiles. */
export function transposeMatrix(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  const T = 32;
  for (let i0 = 0; i0 < rows; i0 += T) {
    const i1 = Math.min(i0 + T, rows);
    for (let j0 = 0; j0 < cols; j0 += T) {
      const j1 = Math.min(j0 + T, cols);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[j * rows + i] = x[i * cols + j]!;
      }
    }
  }
  return out;
}

/** Products of at most this many multiply-adds skip the packing. */
const SMALL = 8192;

/**
 * Float64 matrix product for the reference backend: `op(a)·op(b)`, packed and register-blocked.
 *
 * Both operands are first packed into panels of four (`A` into 4-row panels stored k-major, `B`
 * into 4-column panels stored k-major; a transposed operand is packed straight from its layout, so
 * no separate transpose is needed and the inner loop never walks a stride). The micro-kernel then
 * computes a 4×4 block of C in sixteen local accumulators, streaming one A panel and one B panel
 * contiguously: 8 loads for 16 multiply-adds, and C is written once per block. Edges are
 * zero-padded in the panels and clipped when storing. This is the GEBP scheme of BLAS libraries,
 * minus the SIMD.
 */
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
  const C = new Float64Array(m * n);
  if (m === 0 || n === 0 || k === 0) return C;
  // A[i][p] = a[i*aRow + p*aCol]; B[p][j] = b[p*bRow + j*bCol].
  if (m * n * k <= SMALL) {
    // Small products (a gradient check's tail, tiny layers): packing costs more than it saves.
    // Same summation order as the micro-kernel (p ascending from 0), so the same bits.
    const aRow = transposeA ? 1 : aCols;
    const aCol = transposeA ? aCols : 1;
    const bRow = transposeB ? 1 : bCols;
    const bCol = transposeB ? bCols : 1;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * aRow + p * aCol]! * b[p * bRow + j * bCol]!;
        C[i * n + j] = s;
      }
    }
    return C;
  }
  // A[i][p] = a[i*aCols + p] (or a[p*aCols + i] when transposed); B[p][j] likewise.
  const Ap = packPanels(a, m, k, transposeA ? 1 : aCols, transposeA ? aCols : 1);
  const Bp = packPanels(b, n, k, transposeB ? bCols : 1, transposeB ? 1 : bCols);
  const mPanels = Ap.length / (4 * k);
  const nPanels = Bp.length / (4 * k);
  for (let jp = 0; jp < nPanels; jp++) {
    const bBase = jp * 4 * k;
    for (let ip = 0; ip < mPanels; ip++) {
      const aBase = ip * 4 * k;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0; p < k; p++) {
        const ao = aBase + 4 * p;
        const bo = bBase + 4 * p;
        const a0 = Ap[ao]!;
        const a1 = Ap[ao + 1]!;
        const a2 = Ap[ao + 2]!;
        const a3 = Ap[ao + 3]!;
        const b0 = Bp[bo]!;
        const b1 = Bp[bo + 1]!;
        const b2 = Bp[bo + 2]!;
        const b3 = Bp[bo + 3]!;
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      const i0 = ip * 4;
      const j0 = jp * 4;
      const rows = Math.min(4, m - i0);
      const cols = Math.min(4, n - j0);
      if (rows === 4 && cols === 4) {
        let o = i0 * n + j0;
        C[o] = c00;
        C[o + 1] = c01;
        C[o + 2] = c02;
        C[o + 3] = c03;
        o += n;
        C[o] = c10;
        C[o + 1] = c11;
        C[o + 2] = c12;
        C[o + 3] = c13;
        o += n;
        C[o] = c20;
        C[o + 1] = c21;
        C[o + 2] = c22;
        C[o + 3] = c23;
        o += n;
        C[o] = c30;
        C[o + 1] = c31;
        C[o + 2] = c32;
        C[o + 3] = c33;
      } else {
        const block = [
          c00,
          c01,
          c02,
          c03,
          c10,
          c11,
          c12,
          c13,
          c20,
          c21,
          c22,
          c23,
          c30,
          c31,
          c32,
          c33,
        ];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) C[(i0 + r) * n + j0 + c] = block[r * 4 + c]!;
        }
      }
    }
  }
  return C;
}

/**
 * Packs the `count`×`k` matrix M (element (t, p) at `src[t*tStride + p*pStride]`) into panels of
 * four rows t, each stored k-major: `out[(panel*k + p)*4 + r] = M[4*panel + r][p]`, zero-padded.
 */
function packPanels(
  src: Float64Array,
  count: number,
  k: number,
  tStride: number,
  pStride: number,
): Float64Array {
  const panels = Math.ceil(count / 4);
  const out = new Float64Array(panels * 4 * k);
  for (let panel = 0; panel < panels; panel++) {
    const base = panel * 4 * k;
    const rows = Math.min(4, count - panel * 4);
    for (let r = 0; r < rows; r++) {
      const t = panel * 4 + r;
      let s = t * tStride;
      for (let p = 0; p < k; p++, s += pStride) out[base + 4 * p + r] = src[s]!;
    }
  }
  return out;
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

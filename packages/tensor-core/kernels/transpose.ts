// A float32 matrix transpose for the products that read a transposed operand (byte offsets).

/** t [n×k] = Wᵀ of W [k×n]: 4×4 blocks through SIMD shuffles, scalar for the edges. */
export function transpose(w: usize, t: usize, k: i32, n: i32): void {
  const k4 = k & ~3;
  const n4 = n & ~3;
  const rowW = <usize>n << 2;
  const rowT = <usize>k << 2;
  for (let p = 0; p < k4; p += 4) {
    for (let j = 0; j < n4; j += 4) {
      const src = w + ((<usize>p * <usize>n + <usize>j) << 2);
      const r0 = v128.load(src);
      const r1 = v128.load(src + rowW);
      const r2 = v128.load(src + 2 * rowW);
      const r3 = v128.load(src + 3 * rowW);
      const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const dst = t + ((<usize>j * <usize>k + <usize>p) << 2);
      v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(dst + rowT, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
      v128.store(dst + 2 * rowT, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
      v128.store(dst + 3 * rowT, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
    }
    for (let j = n4; j < n; j++) {
      for (let q = p; q < p + 4; q++) {
        store<f32>(t + ((<usize>j * <usize>k + <usize>q) << 2), load<f32>(w + ((<usize>q * <usize>n + <usize>j) << 2)));
      }
    }
  }
  for (let p = k4; p < k; p++) {
    for (let j = 0; j < n; j++) {
      store<f32>(t + ((<usize>j * <usize>k + <usize>p) << 2), load<f32>(w + ((<usize>p * <usize>n + <usize>j) << 2)));
    }
  }
}

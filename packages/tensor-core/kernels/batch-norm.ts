// Batch normalisation over the rows of an [n×d] float32 matrix, one kernel for the training
// forward pass and one for its backward pass, column groups of four in SIMD lanes (scalar for the
// last d mod 4 columns). Each value is the same float32 operation sequence as backprop's composed
// ops (column means as in-order sums of x·(1/n), then x − μ, (x − μ)², √(σ² + ε), …), so the fused
// kernels give the composed result bit for bit. Byte offsets throughout; rows are `d` floats apart.

/**
 * μ = Σ x·invN, σ² = Σ (x − μ)²·invN (in row order), s = √(σ² + eps), x̂ = (x − μ)/s,
 * y = x̂·γ + β. Writes y, x̂ [n×d] and s, μ, σ² [d].
 */
export function batchNormForward(
  x: usize, gamma: usize, beta: usize,
  y: usize, xn: usize, std: usize, mean: usize, variance: usize,
  n: i32, d: i32, invN: f32, eps: f32,
): void {
  const row = <usize>d << 2;
  const d4 = d & ~3;
  const vInv = f32x4.splat(invN);
  const vEps = f32x4.splat(eps);
  for (let j = 0; j < d4; j += 4) {
    const col = <usize>j << 2;
    let mu = f32x4.splat(0);
    for (let p = 0, at = x + col; p < n; p++, at += row) mu = f32x4.add(mu, f32x4.mul(vInv, v128.load(at)));
    let s2 = f32x4.splat(0);
    for (let p = 0, at = x + col; p < n; p++, at += row) {
      const c = f32x4.sub(v128.load(at), mu);
      s2 = f32x4.add(s2, f32x4.mul(vInv, f32x4.mul(c, c)));
    }
    const s = f32x4.sqrt(f32x4.add(s2, vEps));
    const g = v128.load(gamma + col);
    const b = v128.load(beta + col);
    for (let p: usize = 0; p < <usize>n; p++) {
      const off = p * row + col;
      const h = f32x4.div(f32x4.sub(v128.load(x + off), mu), s);
      v128.store(xn + off, h);
      v128.store(y + off, f32x4.add(f32x4.mul(h, g), b));
    }
    v128.store(std + col, s);
    v128.store(mean + col, mu);
    v128.store(variance + col, s2);
  }
  for (let j = d4; j < d; j++) {
    const col = <usize>j << 2;
    let mu: f32 = 0;
    for (let p = 0, at = x + col; p < n; p++, at += row) mu += invN * load<f32>(at);
    let s2: f32 = 0;
    for (let p = 0, at = x + col; p < n; p++, at += row) {
      const c = load<f32>(at) - mu;
      s2 += invN * (c * c);
    }
    const s = sqrt<f32>(s2 + eps);
    const g = load<f32>(gamma + col);
    const b = load<f32>(beta + col);
    for (let p: usize = 0; p < <usize>n; p++) {
      const off = p * row + col;
      const h = (load<f32>(x + off) - mu) / s;
      store<f32>(xn + off, h);
      store<f32>(y + off, h * g + b);
    }
    store<f32>(std + col, s);
    store<f32>(mean + col, mu);
    store<f32>(variance + col, s2);
  }
}

/**
 * The training pass's gradients: dβ = Σ dy, dγ = Σ dy·x̂ (in row order), and
 * dx = ((dy − dβ·invN) − x̂·(dγ·invN))·(γ/s). Writes dx [n×d] and dγ, dβ [d].
 */
export function batchNormBackward(
  dy: usize, xn: usize, gamma: usize, std: usize,
  dx: usize, dgamma: usize, dbeta: usize,
  n: i32, d: i32, invN: f32,
): void {
  const row = <usize>d << 2;
  const d4 = d & ~3;
  const vInv = f32x4.splat(invN);
  for (let j = 0; j < d4; j += 4) {
    const col = <usize>j << 2;
    let sb = f32x4.splat(0);
    let sg = f32x4.splat(0);
    for (let p: usize = 0; p < <usize>n; p++) {
      const off = p * row + col;
      const g = v128.load(dy + off);
      sb = f32x4.add(sb, g);
      sg = f32x4.add(sg, f32x4.mul(g, v128.load(xn + off)));
    }
    const scale = f32x4.div(v128.load(gamma + col), v128.load(std + col));
    const mDy = f32x4.mul(sb, vInv);
    const mDyXn = f32x4.mul(sg, vInv);
    for (let p: usize = 0; p < <usize>n; p++) {
      const off = p * row + col;
      const centred = f32x4.sub(f32x4.sub(v128.load(dy + off), mDy), f32x4.mul(v128.load(xn + off), mDyXn));
      v128.store(dx + off, f32x4.mul(centred, scale));
    }
    v128.store(dbeta + col, sb);
    v128.store(dgamma + col, sg);
  }
  for (let j = d4; j < d; j++) {
    const col = <usize>j << 2;
    let sb: f32 = 0;
    let sg: f32 = 0;
    for (let p: usize = 0; p < <usize>n; p++) {
      const off = p * row + col;
      const g = load<f32>(dy + off);
      sb += g;
      sg += g * load<f32>(xn + off);
    }
    const scale = load<f32>(gamma + col) / load<f32>(std + col);
    const mDy = sb * invN;
    const mDyXn = sg * invN;
    for (let p: usize = 0; p < <usize>n; p++) {
      const off = p * row + col;
      store<f32>(dx + off, (load<f32>(dy + off) - mDy - load<f32>(xn + off) * mDyXn) * scale);
    }
    store<f32>(dbeta + col, sb);
    store<f32>(dgamma + col, sg);
  }
}

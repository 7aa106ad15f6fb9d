// One Adam step over `length` float32 values (byte offsets), the same float32 operations in the same
// order as @backprop/optimizers' composed update, so the result is bit for bit the same:
//   m' = m·β₁ + g·(1 − β₁),  v' = v·β₂ + g²·(1 − β₂)
//   torch placement: w' = w − (m'·a) / (√v' / c + ε)     (a = η/(1 − β₁ᵗ), c = √(1 − β₂ᵗ))
//   hat placement:   w' = w − (m'·a) / (√v' + ε)         (a = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ); c unused)
// Every constant arrives as a float32, as the composed ops' number operands do.
export function adamStep(
  param: usize, grad: usize, m: usize, v: usize,
  outParam: usize, outM: usize, outV: usize, length: i32,
  beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
  a: f32, c: f32, eps: f32, hat: i32,
): void {
  const n4 = length & ~3;
  const b1 = f32x4.splat(beta1), k1 = f32x4.splat(oneMinusBeta1);
  const b2 = f32x4.splat(beta2), k2 = f32x4.splat(oneMinusBeta2);
  const va = f32x4.splat(a), vc = f32x4.splat(c), ve = f32x4.splat(eps);
  for (let i = 0; i < n4; i += 4) {
    const off = <usize>i << 2;
    const g = v128.load(grad + off);
    const nm = f32x4.add(f32x4.mul(v128.load(m + off), b1), f32x4.mul(g, k1));
    const nv = f32x4.add(f32x4.mul(v128.load(v + off), b2), f32x4.mul(f32x4.mul(g, g), k2));
    const root = f32x4.sqrt(nv);
    const denominator = f32x4.add(hat ? root : f32x4.div(root, vc), ve);
    const move = f32x4.div(f32x4.mul(nm, va), denominator);
    v128.store(outParam + off, f32x4.sub(v128.load(param + off), move));
    v128.store(outM + off, nm);
    v128.store(outV + off, nv);
  }
  for (let i = n4; i < length; i++) {
    const off = <usize>i << 2;
    const g = load<f32>(grad + off);
    const nm = load<f32>(m + off) * beta1 + g * oneMinusBeta1;
    const nv = load<f32>(v + off) * beta2 + g * g * oneMinusBeta2;
    const root = sqrt<f32>(nv);
    const denominator = (hat ? root : root / c) + eps;
    store<f32>(outParam + off, load<f32>(param + off) - (nm * a) / denominator);
    store<f32>(outM + off, nm);
    store<f32>(outV + off, nv);
  }
}

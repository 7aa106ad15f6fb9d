// out = avg·decay + (value·scale)·(1 − decay) over `length` float32 values (byte offsets): an
// exponential moving average such as batch norm's running statistics, in one pass. Each value is
// the composed ops' `addScaled(mul(avg, decay), mul(value, scale), 1 − decay)` (the scaling left
// out when `hasScale` is 0), every product and the sum rounded to float32.
export function movingAverage(
  avg: usize, value: usize, out: usize, length: i32,
  decay: f32, rest: f32, scale: f32, hasScale: i32,
): void {
  const n4 = length & ~3;
  const vd = f32x4.splat(decay);
  const vr = f32x4.splat(rest);
  const vs = f32x4.splat(scale);
  for (let i = 0; i < n4; i += 4) {
    const off = <usize>i << 2;
    let v = v128.load(value + off);
    if (hasScale) v = f32x4.mul(v, vs);
    v128.store(out + off, f32x4.add(f32x4.mul(v128.load(avg + off), vd), f32x4.mul(v, vr)));
  }
  for (let i = n4; i < length; i++) {
    const off = <usize>i << 2;
    let v = load<f32>(value + off);
    if (hasScale) v *= scale;
    store<f32>(out + off, load<f32>(avg + off) * decay + v * rest);
  }
}

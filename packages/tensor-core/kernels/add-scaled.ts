// out = a + alpha·b over `length` float32 values (byte offsets): the SGD update w − η·g and the
// running averages of batch norm in one pass. Each value is (a + (b·alpha)) rounded twice, as the
// composed ops `add(a, mul(b, alpha))` compute it.
export function addScaled(a: usize, b: usize, out: usize, length: i32, alpha: f32): void {
  const end = out + (<usize>length << 2);
  const end4 = out + (<usize>(length & ~3) << 2);
  const va = f32x4.splat(alpha);
  let pa = a;
  let pb = b;
  let po = out;
  for (; po < end4; po += 16, pa += 16, pb += 16) {
    v128.store(po, f32x4.add(v128.load(pa), f32x4.mul(v128.load(pb), va)));
  }
  for (; po < end; po += 4, pa += 4, pb += 4) {
    store<f32>(po, load<f32>(pa) + load<f32>(pb) * alpha);
  }
}

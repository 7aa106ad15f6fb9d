// exp and log in float64 for the softmax kernel, by Sun's fdlibm methods (range reduction, then
// the published minimax polynomials) with no lookup tables: a table would be a data segment, and
// this module writes nothing into tfjs's memory on instantiation. Accurate to about one ulp of a
// float64, far below the float32 results' rounding.

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700e+00;
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;

/** 2^j for an integer j in [−1022, 1023]. */
@inline
function pow2(j: i64): f64 {
  return reinterpret<f64>(<u64>(j + 1023) << 52);
}

/** e^x: x = k·ln2 + r with |r| ≤ ln2/2, e^r by fdlibm's rational approximation, then ·2^k. */
export function exp64(x: f64): f64 {
  if (x != x) return x;
  if (x > 709.782712893383973096) return Infinity;
  if (x < -745.13321910194110842) return 0;
  const k = nearest(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  const ki = <i64>k;
  // Results below 2^−1022 are scaled in two steps, so that the subnormal range rounds once.
  if (ki < -1021) return y * pow2(ki + 1000) * pow2(-1000);
  if (ki > 1023) return y * pow2(ki - 1) * 2;
  return y * pow2(ki);
}

const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;

/** ln x (−Infinity at 0, NaN below): x = 2^k·(1 + f) with 1 + f in [√2/2, √2). */
export function log64(x: f64): f64 {
  if (!(x > 0)) return x == 0 ? -Infinity : NaN;
  if (x == Infinity) return x;
  let k: i32 = 0;
  if (x < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first.
    x *= 18014398509481984; // 2^54
    k = -54;
  }
  const bits = reinterpret<u64>(x);
  const high = <u32>(bits >> 32);
  k += <i32>(high >> 20) - 1023;
  const mantissa = high & 0x000fffff;
  // i is 0x100000 when the mantissa is at least √2's: then 1 + f is halved and k gains one.
  const i = (mantissa + 0x95f64) & 0x100000;
  k += <i32>(i >> 20);
  const m = reinterpret<f64>((bits & 0xffffffff) | (<u64>(mantissa | (i ^ 0x3ff00000)) << 32));
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const hfsq = 0.5 * f * f;
  const dk = <f64>k;
  return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
}

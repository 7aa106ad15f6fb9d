// Logarithm, sine and cosine in plain IEEE-754 arithmetic (+, −, ×, ÷ and bit access only, no
// Math.log/sin/cos), so a seed gives bit-for-bit the same normal deviates in every JavaScript
// engine: Node's V8 and a browser's can round Math.log and Math.cos differently in the last bit.
// The methods are the classic ones of Sun's fdlibm (reduction to a small interval, then minimax
// polynomials whose published coefficients are used here); accurate to about one ulp.

// Bit access to a float64 (a DataView, so the byte order is the same on every platform; made on
// first use, not on import).
let scratch: DataView | undefined;

function highWord(x: number): number {
  scratch ??= new DataView(new ArrayBuffer(8));
  scratch.setFloat64(0, x);
  return scratch.getUint32(0);
}

function withHighWord(x: number, high: number): number {
  scratch ??= new DataView(new ArrayBuffer(8));
  scratch.setFloat64(0, x);
  scratch.setUint32(0, high >>> 0);
  return scratch.getFloat64(0);
}

const LN2_HI = 0.6931471803691238; // ln 2's leading bits, exact times any small integer
const LN2_LO = 1.9082149292705877e-10;
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;
const TWO54 = 18014398509481984;

/**
 * The natural logarithm of a finite `x > 0` (NaN below 0, −Infinity at 0): `x = 2^k·(1 + f)` with
 * `1 + f` in [√2/2, √2), then `log(1 + f) = 2s + s·R(s²)` for `s = f/(2 + f)`.
 */
export function portableLog(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let k = 0;
  let hx = highWord(x);
  if (hx < 0x00100000) {
    // Subnormal: scale into the normal range first.
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  k += (hx >>> 20) - 1023;
  hx &= 0x000fffff;
  // Put the mantissa in [√2/2, √2): i is 0x100000 when it is at least √2's, adding one to k.
  const i = (hx + 0x95f64) & 0x100000;
  const m = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >>> 20;
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + r) + k * LN2_LO) - f);
}

const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;
const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

/** sin(a) for |a| ≤ π/4. */
function kernelSin(a: number): number {
  const z = a * a;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return a + z * a * (S1 + z * r);
}

/** cos(a) for |a| ≤ π/4. */
function kernelCos(a: number): number {
  const z = a * a;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const ix = highWord(a) & 0x7fffffff;
  if (ix < 0x3fd33333) return 1 - (0.5 * z - z * r); // |a| < 0.3
  // 1 − a²/2 loses bits near 1: subtract a quarter-ish (exact) part first.
  const qx = ix > 0x3fe90000 ? 0.28125 : withHighWord(0, ix - 0x00200000);
  const hz = 0.5 * z - qx;
  return 1 - qx - (hz - z * r);
}

/** 2π rounded to a double. */
const TWO_PI = 6.283185307179586;

/**
 * `[sin(2πu), cos(2πu)]` for `u` in [0, 1) — the angle of a Box–Muller pair — reduced exactly:
 * `u = n/4 + r` with `|r| ≤ 1/8` (a subtraction without rounding for 53-bit fractions), then the
 * quadrant's kernels at `2πr`.
 */
export function portableSinCosTurns(u: number): [number, number] {
  const n = Math.round(4 * u);
  const a = (u - n / 4) * TWO_PI;
  const s = kernelSin(a);
  const c = kernelCos(a);
  switch (n & 3) {
    case 0:
      return [s, c];
    case 1:
      return [c, -s];
    case 2:
      return [-s, -c];
    default:
      return [-c, s];
  }
}

// Independent references the tests compare against: Vigna's xoroshiro128+ written from the
// published C code (https://prng.di.unimi.it/xoroshiro128plus.c) in BigInt, the GF(2) transition
// matrix of the generator, and the statistics used by the distribution checks.

const MASK64 = (1n << 64n) - 1n;

const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK64;

/** The 128-bit state [s0, s1] of pure-rand's four 32-bit words [s0.hi, s0.lo, s1.hi, s1.lo]. */
export function wordsToState(words: readonly number[]): [bigint, bigint] {
  const u = (w: number) => BigInt(w >>> 0);
  return [(u(words[0]!) << 32n) | u(words[1]!), (u(words[2]!) << 32n) | u(words[3]!)];
}

/** The inverse of {@link wordsToState}, as signed 32-bit words. */
export function stateToWords([s0, s1]: readonly [bigint, bigint]): number[] {
  const w = (x: bigint) => Number(BigInt.asIntN(32, x));
  return [w(s0 >> 32n), w(s0), w(s1 >> 32n), w(s1)];
}

/** xoroshiro128+ 1.0 (a = 24, b = 16, c = 37): one step; returns the 64-bit output. */
export function referenceNext(state: [bigint, bigint]): bigint {
  const [s0, s1in] = state;
  const result = (s0 + s1in) & MASK64;
  const s1 = s1in ^ s0;
  state[0] = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & MASK64);
  state[1] = rotl(s1, 37n);
  return result;
}

/** A 128×128 matrix over GF(2), stored as its columns (128-bit BigInts: s0 low, s1 high). */
type Gf2Matrix = bigint[];

const pack = ([s0, s1]: readonly [bigint, bigint]) => s0 | (s1 << 64n);
const unpack = (v: bigint): [bigint, bigint] => [v & MASK64, v >> 64n];

function apply(m: Gf2Matrix, v: bigint): bigint {
  let out = 0n;
  for (let k = 0; v !== 0n; k++, v >>= 1n) if (v & 1n) out ^= m[k]!;
  return out;
}

/** T^(2^power), T the one-step transition, by repeated squaring. */
export function transitionPower(power: number): Gf2Matrix {
  let m: Gf2Matrix = Array.from({ length: 128 }, (_, k) => {
    const state = unpack(1n << BigInt(k));
    referenceNext(state);
    return pack(state);
  });
  for (let i = 0; i < power; i++) {
    const square = m;
    m = square.map((column) => apply(square, column));
  }
  return m;
}

/** Applies a transition matrix to pure-rand state words. */
export function advance(m: Gf2Matrix, words: readonly number[]): number[] {
  return stateToWords(unpack(apply(m, pack(wordsToState(words)))));
}

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough for a Kolmogorov–Smirnov test. */
export function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
}

/** The standard normal CDF. */
export const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

/** The Kolmogorov–Smirnov statistic D of a sample against a CDF. */
export function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  });
  return d;
}

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
export function chiSquare(counts: ArrayLike<number>): number {
  const total = Array.from(counts).reduce((s, c) => s + c, 0);
  const expected = total / counts.length;
  return Array.from(counts).reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

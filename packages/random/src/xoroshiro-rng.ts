import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";
import { checkFinite, checkInteger, checkInterval, rangeError, show, typeError } from "./check.js";
import { hashWords, splitWords } from "./hash.js";
import { portableLog, portableSinCosTurns } from "./portable-math.js";
import type { FloatArray, Rng, RngState, SampleOptions } from "./types.js";

const TWO_POW_MINUS_24 = 2 ** -24;
const TWO_POW_MINUS_26 = 2 ** -26;
const TWO_POW_MINUS_53 = 2 ** -53;
const TWO_POW_32 = 0x1_0000_0000;
/** Largest array length (and so the largest n of permutation and sample). */
const MAX_LENGTH = 0x7fff_ffff;
/** Below this n, sampling without replacement uses a dense index array instead of a Map. */
const DENSE_SAMPLE = 1 << 16;
/** murmur3 seeds of the four words of a forked child (arbitrary distinct odd constants). */
const FORK_LANES = [0x243f6a89, 0x85a308d3, 0x13198a2f, 0x03707345] as const;
/** Domain tag of fork hashing ("fork"), fed before the parent's state words. */
const FORK_TAG = 0x666f726b;

/**
 * {@link Rng} on pure-rand's xoroshiro128+ (period 2¹²⁸ − 1, jumpable by 2⁶⁴). Make one with
 * `createRng(seed)` or `createRng(state)`; the class itself is not exported.
 *
 * pure-rand's `next()` returns the low 32 bits of xoroshiro128+'s 64-bit output, whose lowest
 * bits are weak (bit 0 is an LFSR). Everything here therefore uses the top bits of each draw
 * (right shifts, as the generator's authors advise), never `draw % n`.
 */
export class XoroshiroRng implements Rng {
  #gen: JumpableRandomGenerator;
  #spare: number | null;

  /** @internal Use `createRng`; `words` and `spare` must already be valid. */
  constructor(words: readonly number[], spare: number | null) {
    this.#gen = xoroshiro128plusFromState(words);
    this.#spare = spare;
  }

  uniform(): number {
    const hi = this.#gen.next() >>> 6; // 26 bits
    const lo = this.#gen.next() >>> 5; // 27 bits
    return hi * TWO_POW_MINUS_26 + lo * TWO_POW_MINUS_53;
  }

  uniformRange(low: number, high: number): number {
    checkFinite("Rng.uniformRange", "low", low);
    checkFinite("Rng.uniformRange", "high", high);
    const span = checkInterval("Rng.uniformRange", low, high);
    return low + span * this.uniform();
  }

  normal(mean = 0, std = 1): number {
    checkFinite("Rng.normal", "mean", mean);
    checkFinite("Rng.normal", "std", std, 0);
    return mean + std * this.#standardNormal();
  }

  integer(min: number, max: number): number {
    checkInteger("Rng.integer", "min", min);
    checkInteger("Rng.integer", "max", max);
    if (max < min) throw rangeError("Rng.integer", "max", `>= min (${min})`, max);
    const span = max - min; // exact when < 2^32; otherwise at least 2^32
    if (span < TWO_POW_32) return min + this.#below(span + 1);
    return this.#largeInteger(min, max);
  }

  permutation(n: number): Int32Array {
    checkInteger("Rng.permutation", "n", n, 0, MAX_LENGTH);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.#shuffle(out);
  }

  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    const length = (array as { length?: unknown } | null)?.length;
    if (typeof length !== "number" || !Number.isSafeInteger(length) || length < 0) {
      throw typeError("Rng.shuffle", "array", "an array or typed array", array);
    }
    return this.#shuffle(array);
  }

  sample(n: number, k: number, options: SampleOptions = {}): Int32Array {
    checkInteger("Rng.sample", "n", n, 0, MAX_LENGTH);
    const replace = options?.replace ?? false;
    if (typeof replace !== "boolean") {
      throw typeError("Rng.sample", "replace", "a boolean", replace);
    }
    checkInteger("Rng.sample", "k", k, 0, replace ? MAX_LENGTH : n);
    if (replace && k > 0 && n === 0) {
      throw rangeError("Rng.sample", "n", `>= 1 to draw k = ${k} indices with replacement`, n);
    }
    const out = new Int32Array(k);
    if (replace) {
      for (let i = 0; i < k; i++) out[i] = this.#below(n);
      return out;
    }
    // A partial Fisher–Yates over the identity 0..n−1: step i swaps position i with a uniform
    // position j in [i, n) and emits the value landing at i. With k small next to n, the
    // identity stays virtual (a Map of the positions moved so far); both paths draw and emit the
    // same values.
    if (n <= DENSE_SAMPLE || k * 4 >= n) {
      const pool = new Int32Array(n);
      for (let i = 0; i < n; i++) pool[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + this.#below(n - i);
        const vj = pool[j]!;
        pool[j] = pool[i]!;
        out[i] = vj;
      }
      return out;
    }
    const moved = new Map<number, number>();
    for (let i = 0; i < k; i++) {
      const j = i + this.#below(n - i);
      const vj = moved.get(j) ?? j;
      moved.set(j, moved.get(i) ?? i);
      out[i] = vj;
    }
    return out;
  }

  fillUniform<A extends FloatArray>(out: A, low = 0, high = 1): A {
    const kind = floatArrayKind("Rng.fillUniform", out);
    checkFinite("Rng.fillUniform", "low", low);
    checkFinite("Rng.fillUniform", "high", high);
    const span = checkInterval("Rng.fillUniform", low, high);
    const n = out.length;
    if (kind === 32) {
      for (let i = 0; i < n; i++)
        out[i] = low + span * ((this.#gen.next() >>> 8) * TWO_POW_MINUS_24);
    } else {
      for (let i = 0; i < n; i++) out[i] = low + span * this.uniform();
    }
    return out;
  }

  fillNormal<A extends FloatArray>(out: A, mean = 0, std = 1): A {
    floatArrayKind("Rng.fillNormal", out);
    checkFinite("Rng.fillNormal", "mean", mean);
    checkFinite("Rng.fillNormal", "std", std, 0);
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = mean + std * this.#standardNormal();
    return out;
  }

  fork(): Rng {
    const words = this.#gen.getState();
    this.#gen.jump();
    const input = [FORK_TAG, ...words];
    const child = FORK_LANES.map((lane) => hashWords(lane, input) | 0);
    if (child.every((w) => w === 0)) return new XoroshiroRng([1, 0, 0, 0], null); // chance 2^-128
    return new XoroshiroRng(child, null);
  }

  split(n: number): Rng[] {
    checkInteger("Rng.split", "n", n, 0, MAX_LENGTH);
    const out: Rng[] = [];
    for (let i = 0; i < n; i++) out.push(this.fork());
    return out;
  }

  clone(): Rng {
    return new XoroshiroRng(this.#gen.getState(), this.#spare);
  }

  state(): RngState {
    return {
      algorithm: "xoroshiro128plus",
      version: 1,
      words: [...this.#gen.getState()],
      spare: this.#spare,
    };
  }

  /** A uniform integer in [0, range), 1 <= range <= 2^32: top bits of one draw, rejection. */
  #below(range: number): number {
    if (range === 1) return 0;
    const shift = Math.clz32(range - 1); // keep the 32 − shift top bits
    let x = this.#gen.next() >>> shift;
    while (x >= range) x = this.#gen.next() >>> shift;
    return x;
  }

  /** A uniform integer in [min, max] when max − min >= 2^32 (exact 64-bit arithmetic on words). */
  #largeInteger(min: number, max: number): number {
    const [minLo, minHi] = splitWords(min);
    const [maxLo, maxHi] = splitWords(max);
    // span = max − min as (spanHi, spanLo); spanHi >= 1 here.
    let spanLo = (maxLo >>> 0) - (minLo >>> 0);
    let spanHi = maxHi - minHi;
    if (spanLo < 0) {
      spanLo += TWO_POW_32;
      spanHi -= 1;
    }
    const shift = Math.clz32(spanHi);
    let hi: number;
    let lo: number;
    do {
      hi = this.#gen.next() >>> shift;
      lo = this.#gen.next() >>> 0;
    } while (hi > spanHi || (hi === spanHi && lo > spanLo));
    // min + lo stays within [min, max]; adding hi·2^32 lands on the exact (safe) result.
    return min + lo + hi * TWO_POW_32;
  }

  #shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.#below(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** Box–Muller on two uniforms: returns one deviate and keeps the other for the next call. */
  #standardNormal(): number {
    const spare = this.#spare;
    if (spare !== null) {
      this.#spare = null;
      return spare;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform(); // log(0) is −Infinity
    const v = this.uniform();
    // Portable log/sin/cos: every engine rounds these the same way (Math.log and Math.cos may
    // differ in the last bit between Node's V8 and a browser's).
    const r = Math.sqrt(-2 * portableLog(u));
    const [sin, cos] = portableSinCosTurns(v);
    this.#spare = r * sin;
    return r * cos;
  }
}

/** 64 or 32 for a Float64Array or Float32Array (also from another realm); throws otherwise. */
function floatArrayKind(fn: string, out: unknown): 32 | 64 {
  const tag = Object.prototype.toString.call(out);
  if (tag === "[object Float64Array]") return 64;
  if (tag === "[object Float32Array]") return 32;
  const actual =
    typeof out === "object" && out !== null
      ? (out.constructor?.name ?? tag.slice(8, -1))
      : show(out);
  throw typeError(fn, "out", "a Float64Array or Float32Array", out, actual);
}

import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";
import { checkFinite, checkInteger } from "./check.js";
import type { FloatArray, Rng, RngState } from "./types.js";

const TWO_POW_MINUS_26 = 2 ** -26;
const TWO_POW_MINUS_53 = 2 ** -53;

/**
 * {@link Rng} on pure-rand's xoroshiro128+ (2¹²⁸ − 1 period, jumpable by 2⁶⁴ for independent
 * streams). Create it with `createRng(seed)`.
 */
export class XoroshiroRng implements Rng {
  #gen: JumpableRandomGenerator;
  #spare: number | null;

  /** @internal Use `createRng`. */
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
    if (high < low)
      throw new RangeError(
        `Option 'high' of 'Rng.uniformRange' must be >= low (${low}); got ${high}`,
      );
    return low + (high - low) * this.uniform();
  }

  normal(mean = 0, std = 1): number {
    return mean + std * this.#standardNormal();
  }

  integer(min: number, max: number): number {
    checkInteger("Rng.integer", "min", min);
    checkInteger("Rng.integer", "max", max);
    if (max < min)
      throw new RangeError(`Option 'max' of 'Rng.integer' must be >= min (${min}); got ${max}`);
    return uniformInt(this.#gen, min, max);
  }

  permutation(n: number): Int32Array {
    checkInteger("Rng.permutation", "n", n, 0, 0x7fff_ffff);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = uniformInt(this.#gen, 0, i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  sample(n: number, k: number, options: { readonly replace?: boolean } = {}): Int32Array {
    checkInteger("Rng.sample", "n", n, 0, 0x7fff_ffff);
    const replace = options.replace ?? false;
    checkInteger("Rng.sample", "k", k, 0, replace ? 0x7fff_ffff : n);
    const out = new Int32Array(k);
    if (k > 0 && n === 0)
      throw new RangeError("Option 'n' of 'Rng.sample' must be >= 1 to draw k > 0 samples; got 0");
    if (replace) {
      for (let i = 0; i < k; i++) out[i] = uniformInt(this.#gen, 0, n - 1);
      return out;
    }
    // Partial Fisher–Yates over a virtual identity array: O(k) memory via a sparse swap map.
    const swapped = new Map<number, number>();
    for (let i = 0; i < k; i++) {
      const j = uniformInt(this.#gen, i, n - 1);
      const vi = swapped.get(i) ?? i;
      const vj = swapped.get(j) ?? j;
      out[i] = vj;
      swapped.set(j, vi);
    }
    return out;
  }

  fillUniform<A extends FloatArray>(out: A, low = 0, high = 1): A {
    checkFinite("Rng.fillUniform", "low", low);
    checkFinite("Rng.fillUniform", "high", high);
    if (high < low)
      throw new RangeError(
        `Option 'high' of 'Rng.fillUniform' must be >= low (${low}); got ${high}`,
      );
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + span * this.uniform();
    return out;
  }

  fillNormal<A extends FloatArray>(out: A, mean = 0, std = 1): A {
    checkFinite("Rng.fillNormal", "mean", mean);
    checkFinite("Rng.fillNormal", "std", std);
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.#standardNormal();
    return out;
  }

  fork(): Rng {
    const child = new XoroshiroRng(this.#gen.getState(), null);
    child.#gen.jump();
    // The parent jumps twice so that its own future draws and the child's never meet.
    this.#gen.jump();
    this.#gen.jump();
    return child;
  }

  split(n: number): Rng[] {
    checkInteger("Rng.split", "n", n, 0, 1 << 20);
    return Array.from({ length: n }, () => this.fork());
  }

  clone(): Rng {
    return new XoroshiroRng(this.#gen.getState(), this.#spare);
  }

  state(): RngState {
    const [a, b, c, d] = this.#gen.getState() as [number, number, number, number];
    return { algorithm: "xoroshiro128plus", version: 1, words: [a, b, c, d], spare: this.#spare };
  }

  /** Box–Muller on two uniforms, returning one deviate and keeping the other for the next call. */
  #standardNormal(): number {
    if (this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.uniform(); // log(0) is -Infinity
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.#spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

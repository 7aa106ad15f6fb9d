/**
 * The serialisable state of an {@link Rng}: plain JSON, enough to continue the stream exactly.
 * `createRng(state)` restores it.
 *
 * @example
 * ```ts
 * import { createRng, type RngState } from "@backprop/random";
 * const rng = createRng(42);
 * const saved: RngState = JSON.parse(JSON.stringify(rng.state()));
 * console.log(saved.algorithm, saved.version, saved.words.length); // xoroshiro128plus 1 4
 * console.log(createRng(saved).uniform() === rng.uniform()); // true
 * ```
 */
export interface RngState {
  readonly algorithm: "xoroshiro128plus";
  readonly version: 1;
  /**
   * The generator's 128-bit state as four signed 32-bit words, in pure-rand's order
   * (`getState()` of `xoroshiro128plusFromState`); not all zero.
   */
  readonly words: readonly number[];
  /**
   * The second normal deviate of the last Box–Muller pair, not yet returned, or null. Missing is
   * read as null; `rng.state()` always writes it.
   */
  readonly spare?: number | null;
}

/**
 * The float arrays the bulk fillers write into.
 *
 * @example
 * ```ts
 * import { createRng, type FloatArray } from "@backprop/random";
 * const out: FloatArray = new Float32Array(4);
 * createRng(1).fillUniform(out, -1, 1);
 * console.log(out.every((v) => v >= -1 && v < 1)); // true
 * ```
 */
export type FloatArray = Float64Array | Float32Array;

/**
 * Options of {@link Rng.sample}.
 *
 * @example
 * ```ts
 * import { createRng, type SampleOptions } from "@backprop/random";
 * const options: SampleOptions = { replace: true };
 * console.log(createRng(1).sample(3, 10, options).length); // 10
 * ```
 */
export interface SampleOptions {
  /** Draw with replacement (an index may repeat); default false. */
  readonly replace?: boolean;
}

/**
 * A seeded stream of random numbers. Everything random in backprop takes one, so the same seed
 * gives the same result, in Node and in the browser. Make one with `createRng(seed)`.
 *
 * Arguments are checked: a bad one throws a `TypeError` or `RangeError` whose message names the
 * method, the argument, what was expected and what was given.
 *
 * @example
 * ```ts
 * import { createRng, type Rng } from "@backprop/random";
 * function dropoutMask(rng: Rng, n: number, rate: number): Uint8Array {
 *   return Uint8Array.from({ length: n }, () => (rng.uniform() < rate ? 0 : 1));
 * }
 * const a = dropoutMask(createRng(7), 8, 0.5);
 * const b = dropoutMask(createRng(7), 8, 0.5);
 * console.log(a.join("") === b.join("")); // true
 * ```
 */
export interface Rng {
  /**
   * A float in [0, 1): 53 random bits, the top 26 and 27 bits of two 32-bit draws.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const u = createRng(42).uniform();
   * console.log(u >= 0 && u < 1); // true
   * ```
   */
  uniform(): number;

  /**
   * A float in [low, high), computed as `low + (high - low) * uniform()`. As in NumPy, rounding
   * can return `high` itself when the interval is only a few ulps wide.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const x = createRng(42).uniformRange(-1, 1);
   * console.log(x >= -1 && x < 1); // true
   * ```
   */
  uniformRange(low: number, high: number): number;

  /**
   * A normal deviate, `mean + std * z` (Box–Muller; the second deviate of each pair is kept for
   * the next call and is part of {@link Rng.state}). Defaults: mean 0, std 1; std must be >= 0.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const rng = createRng(42);
   * const z = rng.normal();
   * const w = rng.normal(0, 0.01);
   * console.log(Number.isFinite(z) && Math.abs(w) < 1); // true
   * ```
   */
  normal(mean?: number, std?: number): number;

  /**
   * An integer in [min, max], both included, without modulo bias (rejection sampling on the top
   * bits of the generator's output). Any safe integers, `min <= max`; `integer(a, a)` returns `a`
   * without drawing.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const die = createRng(42).integer(1, 6);
   * console.log(die >= 1 && die <= 6 && Number.isInteger(die)); // true
   * ```
   */
  integer(min: number, max: number): number;

  /**
   * A random permutation of 0..n−1 (Fisher–Yates on the identity).
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const p = createRng(42).permutation(5);
   * console.log([...p].sort().join(",")); // 0,1,2,3,4
   * ```
   */
  permutation(n: number): Int32Array;

  /**
   * Shuffles `array` in place (Fisher–Yates) and returns it. Works on arrays and typed arrays.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const cards = ["a", "b", "c", "d"];
   * createRng(42).shuffle(cards);
   * console.log([...cards].sort().join("")); // abcd
   * ```
   */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T;

  /**
   * `k` indices from 0..n−1: distinct without replacement (the default; `k <= n`), independent
   * draws with `{ replace: true }`. Without replacement the result is in draw order (a partial
   * Fisher–Yates; O(k) memory when k is small next to n).
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const rng = createRng(42);
   * const batch = rng.sample(60_000, 32); // 32 distinct example indices
   * const boot = rng.sample(100, 100, { replace: true }); // a bootstrap resample
   * console.log(new Set(batch).size, boot.length); // 32 100
   * ```
   */
  sample(n: number, k: number, options?: SampleOptions): Int32Array;

  /**
   * Fills `out` with uniform floats in [low, high) (defaults 0 and 1) and returns it. A
   * Float64Array gets `uniformRange` values (53 random bits each); a Float32Array gets 24 random
   * bits per value, one 32-bit draw, so that [0, 1) stays [0, 1) after rounding to float32 (as in
   * NumPy).
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const w = createRng(42).fillUniform(new Float32Array(6), -0.1, 0.1);
   * console.log(w.every((v) => v >= -0.1 && v < 0.1)); // true
   * ```
   */
  fillUniform<A extends FloatArray>(out: A, low?: number, high?: number): A;

  /**
   * Fills `out` with normal deviates (defaults: mean 0, std 1) and returns it: the same numbers,
   * in the same order, as repeated {@link Rng.normal} calls.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const a = createRng(42).fillNormal(new Float64Array(3), 0, 0.01);
   * const r = createRng(42);
   * console.log(a.every((v) => v === r.normal(0, 0.01))); // true
   * ```
   */
  fillNormal<A extends FloatArray>(out: A, mean?: number, std?: number): A;

  /**
   * A new generator on an independent stream. The child starts at a hashed (effectively random)
   * point of xoroshiro128+'s 2¹²⁸ − 1 cycle, derived from this generator's state, and this
   * generator then jumps 2⁶⁴ steps ahead, so repeated forks give distinct children and forks of
   * forks never coincide with their parents, siblings or cousins. Deterministic: the same
   * generator forks the same children.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const rng = createRng(42);
   * const initRng = rng.fork();
   * const dropoutRng = rng.fork();
   * console.log(initRng.uniform() !== dropoutRng.uniform()); // true
   * ```
   */
  fork(): Rng;

  /**
   * `n` independent generators: `n` calls of {@link Rng.fork}.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const workers = createRng(42).split(4);
   * console.log(new Set(workers.map((w) => w.uniform())).size); // 4
   * ```
   */
  split(n: number): Rng[];

  /**
   * An exact copy that continues identically and independently.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const rng = createRng(42);
   * const copy = rng.clone();
   * console.log(copy.normal() === rng.normal()); // true
   * ```
   */
  clone(): Rng;

  /**
   * Plain-JSON state; `createRng(state)` continues exactly where this generator is, pending
   * normal deviate included.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * const rng = createRng(42);
   * rng.normal();
   * const resumed = createRng(JSON.parse(JSON.stringify(rng.state())));
   * console.log(resumed.normal() === rng.normal()); // true
   * ```
   */
  state(): RngState;
}

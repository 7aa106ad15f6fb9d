/** The serialisable state of an {@link Rng}: plain JSON, enough to continue the stream exactly. */
export interface RngState {
  readonly algorithm: "xoroshiro128plus";
  readonly version: 1;
  /** The generator's four 32-bit state words. */
  readonly words: readonly [number, number, number, number];
  /** The second normal deviate of the last Box–Muller pair, not yet returned (or null). */
  readonly spare: number | null;
}

/** Float arrays the bulk fillers write into. */
export type FloatArray = Float64Array | Float32Array;

/**
 * A seeded stream of random numbers. Every random thing in backprop takes one, so the same seed
 * gives the same result in Node and in the browser.
 */
export interface Rng {
  /** A float in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A float in [low, high). */
  uniformRange(low: number, high: number): number;
  /** A normal deviate (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** An integer in [min, max], both included, without modulo bias. */
  integer(min: number, max: number): number;
  /** A random permutation of 0..n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T;
  /** `k` indices from 0..n−1, with or without replacement. */
  sample(n: number, k: number, options?: { readonly replace?: boolean }): Int32Array;
  /** Fills `out` with uniform floats in [low, high) and returns it. */
  fillUniform<A extends FloatArray>(out: A, low?: number, high?: number): A;
  /** Fills `out` with normal deviates and returns it. */
  fillNormal<A extends FloatArray>(out: A, mean?: number, std?: number): A;
  /**
   * A new generator on a stream that does not overlap this one's (2⁶⁴ draws apart); this
   * generator moves to a fresh stream too, so repeated forks give distinct children.
   */
  fork(): Rng;
  /** `n` independent generators (repeated {@link Rng.fork}). */
  split(n: number): Rng[];
  /** An exact copy that continues identically and independently. */
  clone(): Rng;
  /** Plain-JSON state; `createRng(state)` continues exactly where this one is. */
  state(): RngState;
}

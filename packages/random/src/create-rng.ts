import { checkInteger, typeError } from "./check.js";
import { splitmix32, splitWords } from "./hash.js";
import type { Rng, RngState } from "./types.js";
import { XoroshiroRng } from "./xoroshiro-rng.js";

/**
 * A seeded {@link Rng}: from any safe integer seed, or from a saved `rng.state()` to continue a
 * stream exactly (checkpoints resume bit-identically).
 *
 * A seed is spread over the 128-bit state with splitmix32, its low and high 32-bit words each
 * driving one splitmix32 sequence, so every safe integer gives its own stream and nearby seeds
 * give unrelated ones. A state is checked field by field; a malformed one throws a `TypeError`
 * naming the field (`state.words`, ...).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * const rng = createRng(42);
 * const a = rng.uniform();
 * const saved = rng.state();
 * const next = rng.normal();
 * console.log(createRng(saved).normal() === next); // true
 * console.log(createRng(42).uniform() === a); // true
 * ```
 */
export function createRng(seed: number | RngState): Rng {
  if (typeof seed === "object" && seed !== null) return fromState(seed);
  if (typeof seed !== "number") {
    throw typeError("createRng", "seed", "a safe integer or an RngState from rng.state()", seed);
  }
  checkInteger("createRng", "seed", seed);
  // (a, b) is a bijection of (lo, hi) — the first splitmix32 output is a bijection of its counter
  // — so distinct seeds give distinct states; c and d are the second outputs. a and c cannot
  // both be zero (they come from distinct counters of the same bijection), so the state is never
  // the all-zero one xoroshiro forbids.
  const [lo, hi] = splitWords(seed);
  const [lo1, a] = splitmix32(lo);
  const [hi1, b] = splitmix32(hi ^ 0x6a09e667);
  const [, c] = splitmix32(lo1);
  const [, d] = splitmix32(hi1);
  return new XoroshiroRng([a, b, c, d], null);
}

function fromState(state: RngState): Rng {
  const fn = "createRng";
  const fail = (field: string, expected: string, value: unknown) =>
    typeError(fn, `state.${field}`, expected, value);
  const {
    algorithm,
    version,
    words,
    spare = null,
  } = state as Partial<Record<keyof RngState, unknown>>;
  if (algorithm !== "xoroshiro128plus") throw fail("algorithm", '"xoroshiro128plus"', algorithm);
  if (version !== 1) throw fail("version", "1", version);
  if (
    !Array.isArray(words) ||
    words.length !== 4 ||
    !words.every((w) => Number.isInteger(w) && w >= -0x8000_0000 && w <= 0xffff_ffff) ||
    words.every((w) => w === 0)
  ) {
    throw fail("words", "four 32-bit integers, not all zero", words);
  }
  if (spare !== null && (typeof spare !== "number" || !Number.isFinite(spare))) {
    throw fail("spare", "a finite number or null", spare);
  }
  return new XoroshiroRng(
    words.map((w: number) => w | 0),
    spare,
  );
}

import { checkInteger } from "./check.js";
import { deriveSeed, seedWords } from "./derive-seed.js";
import type { Rng, RngState } from "./types.js";
import { XoroshiroRng } from "./xoroshiro-rng.js";

/** splitmix32 step: spreads a seed over the four state words (never all zero). */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) | 0];
}

/**
 * A seeded {@link Rng}: from any safe integer seed, or from a saved `rng.state()` to continue a
 * stream exactly (checkpoints resume bit-identically).
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
  checkInteger("createRng", "seed", seed);
  // The two 32-bit halves of the seed each drive a splitmix32 stream; interleaving them makes the
  // seed → state map injective (the first splitmix32 output is a bijection of its input).
  const [lo, hi] = seedWords(seed);
  const [lo1, a] = splitmix32(lo);
  const [hi1, b] = splitmix32(hi ^ 0x6a09e667);
  const [, c] = splitmix32(lo1);
  const [, d] = splitmix32(hi1);
  const words = [a, b, c, d];
  return new XoroshiroRng(words, null);
}

/**
 * `createRng(deriveSeed(seed, ...keys))`: the generator of one named part of a run.
 *
 * @example
 * ```ts
 * import { deriveRng } from "@backprop/random";
 * const trial3 = deriveRng(2026, "trial", 3);
 * console.log(trial3.integer(1, 6));
 * ```
 */
export function deriveRng(seed: number, ...keys: ReadonlyArray<number | string>): Rng {
  return createRng(deriveSeed(seed, ...keys));
}

function fromState(state: RngState): Rng {
  const where = "createRng";
  if (state.algorithm !== "xoroshiro128plus") {
    throw new TypeError(
      `Option 'state.algorithm' of '${where}' must be "xoroshiro128plus"; got ${JSON.stringify(state.algorithm)}`,
    );
  }
  if (state.version !== 1) {
    throw new TypeError(
      `Option 'state.version' of '${where}' must be 1; got ${JSON.stringify(state.version)}`,
    );
  }
  const words = state.words as unknown;
  if (
    !Array.isArray(words) ||
    words.length !== 4 ||
    !words.every((w) => Number.isInteger(w) && w >= -0x8000_0000 && w <= 0xffff_ffff) ||
    words.every((w) => w === 0)
  ) {
    throw new TypeError(
      `Option 'state.words' of '${where}' must be four 32-bit integers, not all zero; got ${JSON.stringify(words)}`,
    );
  }
  const spare = state.spare ?? null;
  if (spare !== null && (typeof spare !== "number" || !Number.isFinite(spare))) {
    throw new TypeError(
      `Option 'state.spare' of '${where}' must be a finite number or null; got ${JSON.stringify(spare)}`,
    );
  }
  return new XoroshiroRng(
    words.map((w: number) => w | 0),
    spare,
  );
}

import fc from "fast-check";

/**
 * Seeds for an `Rng` inside a property — a dropout mask, a cotangent, initial weights — drawn
 * by fast-check, so the run stays replayable from fast-check's own seed (never an unseeded global).
 * Integers in [0, 2³¹ − 1], shrinking towards 0.
 *
 * @example
 * ```ts
 * import { seedArb } from "@backprop/gradcheck";
 * import { createRng } from "@backprop/random";
 * import fc from "fast-check";
 * fc.assert(fc.property(seedArb(), (seed) => createRng(seed).uniform() < 1), { numRuns: 10 });
 * console.log(fc.sample(seedArb(), 3).every(Number.isSafeInteger)); // true
 * ```
 */
export function seedArb(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 });
}

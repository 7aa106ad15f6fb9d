import { createRng } from "./create-rng.js";
import { deriveSeed } from "./derive-seed.js";
import type { Rng } from "./types.js";

/**
 * The generator of one named part of a run: `createRng(deriveSeed(seed, ...keys))`. Unlike
 * {@link Rng.fork}, it needs no parent generator, so any worker can rebuild the stream of trial
 * 17 from the study seed alone.
 *
 * @example
 * ```ts
 * import { deriveRng } from "@backprop/random";
 * const a = deriveRng(2026, "trial", 3).integer(1, 6);
 * const b = deriveRng(2026, "trial", 3).integer(1, 6);
 * console.log(a === b); // true
 * ```
 */
export function deriveRng(seed: number, ...keys: ReadonlyArray<number | string>): Rng {
  return createRng(deriveSeed(seed, ...keys));
}

import { checkInteger, typeError } from "./check.js";
import { fmix32, mixWord, splitWords } from "./hash.js";

/** Tags that keep number and string keys apart: `1` and `"1"` are different keys. */
const NUMBER_TAG = 0x6e756d62; // "numb"
const STRING_TAG = 0x73747269; // "stri"

/**
 * A well-mixed seed derived from a base seed and a path of keys: the seed of trial 17 of a study,
 * of layer "dense2" of a model. A pure function, the same on every platform (32-bit integer math
 * only), sensitive to every key and to their order. Number keys must be safe integers; the
 * result is a non-negative safe integer (53 bits).
 *
 * The base seed and keys are encoded as an unambiguous sequence of 32-bit words (each key tagged
 * as number or string, strings length-prefixed, UTF-16 code units) and hashed by two murmur3
 * lanes with different seeds; the two finalised lanes give 32 + 21 bits.
 *
 * @example
 * ```ts
 * import { createRng, deriveSeed } from "@backprop/random";
 * const trialSeed = deriveSeed(42, "trial", 17);
 * console.log(trialSeed === deriveSeed(42, "trial", 17)); // true
 * console.log(trialSeed === deriveSeed(42, 17, "trial")); // false
 * const rng = createRng(trialSeed);
 * console.log(rng.uniform() < 1); // true
 * ```
 */
export function deriveSeed(seed: number, ...keys: ReadonlyArray<number | string>): number {
  checkInteger("deriveSeed", "seed", seed);
  let h1 = 0x9747b28c;
  let h2 = 0x2f1b3c5d;
  const feed = (word: number) => {
    h1 = mixWord(h1, word);
    h2 = mixWord(h2, word ^ 0x5bd1e995);
  };
  const [lo, hi] = splitWords(seed);
  feed(lo);
  feed(hi);
  keys.forEach((key, index) => {
    if (typeof key === "number") {
      checkInteger("deriveSeed", `keys[${index}]`, key);
      const [klo, khi] = splitWords(key);
      feed(NUMBER_TAG);
      feed(klo);
      feed(khi);
    } else if (typeof key === "string") {
      feed(STRING_TAG);
      feed(key.length);
      for (let i = 0; i < key.length; i++) feed(key.charCodeAt(i));
    } else {
      throw typeError("deriveSeed", `keys[${index}]`, "a safe integer or a string", key);
    }
  });
  const a = fmix32(h1 ^ keys.length);
  const b = fmix32(h2 ^ a);
  // 53 bits: 21 from b, 32 from a; a non-negative safe integer.
  return (b & 0x1f_ffff) * 0x1_0000_0000 + a;
}

import { checkInteger } from "./check.js";

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one 32-bit word into a running hash (murmur3's body step). */
function mixWord(h: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The 32-bit words of a safe integer: low word, high word (two's complement for negatives). */
export function seedWords(seed: number): [number, number] {
  const lo = seed % 0x1_0000_0000;
  const hi = Math.floor(seed / 0x1_0000_0000);
  return [lo | 0, hi | 0];
}

/**
 * A well-mixed seed derived from a base seed and a path of keys — the seed of trial 17 of a study,
 * of layer "dense2" of a model. Deterministic on every platform (32-bit integer math only),
 * sensitive to every key and to their order.
 *
 * @example
 * ```ts
 * import { createRng, deriveSeed } from "@backprop/random";
 * const trialSeed = deriveSeed(42, "trial", 17);
 * console.log(trialSeed === deriveSeed(42, "trial", 17)); // true
 * const rng = createRng(trialSeed);
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
  const [lo, hi] = seedWords(seed);
  feed(lo);
  feed(hi);
  keys.forEach((key, index) => {
    if (typeof key === "number") {
      checkInteger("deriveSeed", `keys[${index}]`, key);
      const [klo, khi] = seedWords(key);
      feed(0x6e756d62); // tag "numb": 1 and "1" are different keys
      feed(klo);
      feed(khi);
    } else if (typeof key === "string") {
      feed(0x73747269); // tag "stri"
      feed(key.length);
      for (let i = 0; i < key.length; i++) feed(key.charCodeAt(i));
    } else {
      throw new TypeError(
        `Option 'keys[${index}]' of 'deriveSeed' must be a number or a string; got ${typeof key}`,
      );
    }
  });
  const a = fmix32(h1 ^ keys.length);
  const b = fmix32(h2 ^ a);
  // 53 bits: 21 from b, 32 from a; a non-negative safe integer.
  return (b & 0x1f_ffff) * 0x1_0000_0000 + a;
}

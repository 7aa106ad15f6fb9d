// 32-bit integer hashing shared by seeding, deriveSeed and fork. Only Math.imul, shifts and xor:
// the same bits on every JavaScript engine.

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one 32-bit word into a running murmur3 hash (murmur3's body step). */
export function mixWord(h: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3_32 of a list of 32-bit words under `seed`; an unsigned 32-bit result. */
export function hashWords(seed: number, words: readonly number[]): number {
  let h = seed | 0;
  for (const word of words) h = mixWord(h, word);
  return fmix32(h ^ (words.length * 4));
}

/** The 32-bit words of a safe integer: low word, high word (two's complement for negatives). */
export function splitWords(value: number): [number, number] {
  const hi = Math.floor(value / 0x1_0000_0000);
  const lo = value - hi * 0x1_0000_0000; // exact, in [0, 2^32)
  return [lo | 0, hi | 0];
}

/** splitmix32 step: the next counter and a well-mixed output (a bijection of the counter). */
export function splitmix32(counter: number): [next: number, out: number] {
  const next = (counter + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) | 0];
}

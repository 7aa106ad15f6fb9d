import { deriveSeed } from "@backprop/random";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";

// One fixed seed so CI is replayable; fast-check prints the seed and path on failure.
fc.configureGlobal({ seed: 0xd371_7e, numRuns: 300 });

const seed = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const key = fc.oneof(
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const keys = fc.array(key, { maxLength: 5 });
const sameKeys = (a: ReadonlyArray<number | string>, b: ReadonlyArray<number | string>) =>
  a.length === b.length && a.every((k, i) => Object.is(k, b[i]) || (k === 0 && b[i] === 0));

test.prop([seed, keys])("is a deterministic non-negative safe integer", (s, ks) => {
  const d = deriveSeed(s, ...ks);
  expect(deriveSeed(s, ...ks)).toBe(d);
  expect(Number.isSafeInteger(d) && d >= 0).toBe(true);
});

test.prop([seed, keys, keys])("distinct key lists give distinct seeds", (s, a, b) => {
  fc.pre(!sameKeys(a, b));
  expect(deriveSeed(s, ...a)).not.toBe(deriveSeed(s, ...b));
});

test.prop([seed, key, key])("is sensitive to key order", (s, a, b) => {
  fc.pre(!sameKeys([a], [b]));
  expect(deriveSeed(s, a, b)).not.toBe(deriveSeed(s, b, a));
});

test.prop([fc.uniqueArray(key, { minLength: 1000, maxLength: 1000, selector: String })], {
  numRuns: 10,
})("no collisions among 1000 distinct keys under one seed", (ks) => {
  expect(new Set(ks.map((k) => deriveSeed(42, k))).size).toBe(ks.length);
});

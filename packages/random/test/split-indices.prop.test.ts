import { createRng, splitIndices } from "@backprop/random";
import { fc, test } from "@fast-check/vitest";
import { expect, it } from "vitest";

fc.configureGlobal({ seed: 0x5b117, numRuns: 200 });

const seed = fc.integer({ min: 0, max: 2 ** 31 });
const fraction = fc.double({ min: 0, max: 0.95, noNaN: true });
const labels = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 200 });

test.prop([seed, fc.integer({ min: 0, max: 500 }), fraction])(
  "kept and held are disjoint and together a permutation of 0..count−1",
  (s, count, f) => {
    const { kept, held } = splitIndices(createRng(s), { count, fraction: f });
    expect(held.length).toBe(Math.round(count * f));
    const all = [...kept, ...held].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: count }, (_, i) => i));
  },
);

test.prop([seed, labels, fraction])("the same seed gives the same split", (s, ls, f) => {
  const a = splitIndices(createRng(s), { count: ls.length, fraction: f, labels: ls });
  const b = splitIndices(createRng(s), { count: ls.length, fraction: f, labels: ls });
  expect([...a.kept]).toEqual([...b.kept]);
  expect([...a.held]).toEqual([...b.held]);
});

test.prop([seed, labels, fraction])(
  "stratified: every class is held out in its own rounded share",
  (s, ls, f) => {
    const { kept, held } = splitIndices(createRng(s), {
      count: ls.length,
      fraction: f,
      labels: ls,
    });
    for (let c = 0; c <= 4; c++) {
      const n = ls.filter((l) => l === c).length;
      expect([...held].filter((i) => ls[i] === c).length).toBe(Math.round(n * f));
      expect([...kept].filter((i) => ls[i] === c).length).toBe(n - Math.round(n * f));
    }
  },
);

it("is a random split, not the last rows", () => {
  const { held } = splitIndices(createRng(3), { count: 1000, fraction: 0.2 });
  expect([...held].some((i) => i < 800)).toBe(true);
  const counts = [0, 0];
  for (const i of held) counts[i < 500 ? 0 : 1]!++;
  expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThan(60);
});

it("bad options throw errors that name them", () => {
  const rng = createRng(1);
  expect(() => splitIndices(rng, { count: -1, fraction: 0.2 })).toThrow(/'count'/);
  expect(() => splitIndices(rng, { count: 5, fraction: 1 })).toThrow(/'fraction'/);
  expect(() => splitIndices(rng, { count: 5, fraction: Number.NaN })).toThrow(RangeError);
  expect(() => splitIndices(rng, { count: 5, fraction: 0.2, labels: [0, 1] })).toThrow(/'labels'/);
});

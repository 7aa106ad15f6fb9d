import { createRng, deriveSeed } from "@backprop/random";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";

fc.configureGlobal({ seed: 4242, numRuns: 200 });

const seed = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });

test.prop([seed, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 })])(
  "integer(min, max) stays in range",
  (s, min, span) => {
    const r = createRng(s);
    for (let i = 0; i < 20; i++) {
      const v = r.integer(min, min + span);
      expect(v).toBeGreaterThanOrEqual(min);
      expect(v).toBeLessThanOrEqual(min + span);
    }
  },
);

test.prop([seed, fc.integer({ min: 0, max: 300 })])("permutation is a permutation", (s, n) => {
  const p = Array.from(createRng(s).permutation(n)).sort((a, b) => a - b);
  expect(p).toEqual(Array.from({ length: n }, (_, i) => i));
});

test.prop([seed, fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true })])(
  "sample without replacement draws distinct in-range indices",
  (s, n, frac) => {
    const k = Math.floor(n * frac);
    const picks = createRng(s).sample(n, k);
    expect(new Set(picks).size).toBe(k);
    for (const v of picks) expect(v >= 0 && v < n).toBe(true);
  },
);

test.prop([seed, fc.integer({ min: 0, max: 40 })])(
  "state round trip continues identically",
  (s, skip) => {
    const r = createRng(s);
    for (let i = 0; i < skip; i++) r.normal();
    const copy = createRng(r.state());
    expect(Array.from({ length: 10 }, () => copy.normal())).toEqual(
      Array.from({ length: 10 }, () => r.normal()),
    );
  },
);

test("deriveSeed has no collisions over 10 000 trial keys", () => {
  const seen = new Set<number>();
  for (let i = 0; i < 10_000; i++) seen.add(deriveSeed(42, "trial", i));
  expect(seen.size).toBe(10_000);
});

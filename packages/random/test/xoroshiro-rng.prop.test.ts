import { createRng, type Rng, type RngState } from "@backprop/random";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";

// One fixed seed so CI is replayable; fast-check prints the seed and path on failure.
fc.configureGlobal({ seed: 0x5eed_2026, numRuns: 200 });

const seed = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const safe = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

test.prop([seed, safe, safe])("integer(min, max) is a safe integer in [min, max]", (s, a, b) => {
  const [min, max] = a <= b ? [a, b] : [b, a];
  const r = createRng(s);
  for (let i = 0; i < 20; i++) {
    const v = r.integer(min, max);
    expect(Number.isSafeInteger(v) && v >= min && v <= max).toBe(true);
  }
});

test.prop([seed, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 12 })])(
  "integer(min, max) over a small range reaches every value",
  (s, min, span) => {
    const r = createRng(s);
    const seen = new Set<number>();
    for (let i = 0; i < 400 && seen.size <= span; i++) seen.add(r.integer(min, min + span));
    expect(seen.size).toBe(span + 1); // misses with probability < 13·(12/13)^400 ≈ 1e-12
  },
);

test.prop([seed, fc.integer({ min: 0, max: 500 })])("permutation(n) is a permutation", (s, n) => {
  const p = createRng(s).permutation(n);
  expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
});

test.prop([seed, fc.array(fc.string())])(
  "shuffle keeps the elements and returns its argument",
  (s, items) => {
    const copy = [...items];
    expect(createRng(s).shuffle(copy)).toBe(copy);
    expect([...copy].sort()).toEqual([...items].sort());
  },
);

test.prop([seed, fc.integer({ min: 0, max: 200_000 }), fc.double({ min: 0, max: 1, noNaN: true })])(
  "sample without replacement: k distinct indices in [0, n)",
  (s, n, fraction) => {
    const k = Math.min(n, Math.floor(fraction * Math.min(n, 2000)));
    const picks = createRng(s).sample(n, k);
    expect(picks.length).toBe(k);
    expect(new Set(picks).size).toBe(k);
    expect(picks.every((v) => v >= 0 && v < n)).toBe(true);
  },
);

test.prop([seed, fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 500 })])(
  "sample with replacement: k indices in [0, n)",
  (s, n, k) => {
    const picks = createRng(s).sample(n, k, { replace: true });
    expect(picks.length).toBe(k);
    expect(picks.every((v) => v >= 0 && v < n)).toBe(true);
  },
);

/** One call of each method, by index, reduced to numbers. */
const OPS: ReadonlyArray<(r: Rng) => number[]> = [
  (r) => [r.uniform()],
  (r) => [r.normal()],
  (r) => [r.normal(-1, 3)],
  (r) => [r.integer(0, 9)],
  (r) => [r.integer(-(2 ** 45), 2 ** 45)],
  (r) => [r.uniformRange(-2, 5)],
  (r) => Array.from(r.permutation(6)),
  (r) => r.shuffle([1, 2, 3]),
  (r) => Array.from(r.sample(50, 4)),
  (r) => Array.from(r.sample(5, 8, { replace: true })),
  (r) => Array.from(r.fillUniform(new Float64Array(3), 1, 2)),
  (r) => Array.from(r.fillUniform(new Float32Array(3))),
  (r) => Array.from(r.fillNormal(new Float64Array(3))),
  (r) => Array.from(r.fillNormal(new Float32Array(2), 1, 0.5)),
  (r) => [r.fork().uniform()],
  (r) => r.split(2).map((c) => c.normal()),
  (r) => [r.clone().normal()],
];
const ops = fc.array(fc.integer({ min: 0, max: OPS.length - 1 }), { maxLength: 60 });
const run = (r: Rng, list: readonly number[]) => list.flatMap((i) => OPS[i]!(r));

test.prop([seed, ops, ops])(
  "save → JSON → restore at any point continues identically, whatever was drawn before",
  (s, before, after) => {
    const r = createRng(s);
    run(r, before);
    const saved: RngState = JSON.parse(JSON.stringify(r.state()));
    const clone = r.clone();
    const expected = run(r, after);
    expect(run(createRng(saved), after)).toEqual(expected);
    expect(run(clone, after)).toEqual(expected);
  },
);

test.prop([seed, ops])("the same seed and calls give the same numbers", (s, list) => {
  expect(run(createRng(s), list)).toEqual(run(createRng(s), list));
});

test.prop([seed, seed])("different seeds give different streams", (a, b) => {
  fc.pre(a !== b);
  const x = createRng(a);
  const y = createRng(b);
  const xs = Array.from({ length: 4 }, () => x.uniform());
  const ys = Array.from({ length: 4 }, () => y.uniform());
  expect(xs).not.toEqual(ys);
});

test.prop([seed, fc.integer({ min: 2, max: 8 })])(
  "split(n) children and the parent all differ",
  (s, n) => {
    const parent = createRng(s);
    const all = [...parent.split(n), parent].map((r) => `${r.uniform()},${r.uniform()}`);
    expect(new Set(all).size).toBe(n + 1);
  },
);

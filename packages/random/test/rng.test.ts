import { createRng, deriveRng, deriveSeed, type Rng } from "@backprop/random";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";

describe("createRng", () => {
  it("same seed, same stream; different seeds, different streams", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 100 }, () => a.uniform());
    expect(Array.from({ length: 100 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.uniform())).not.toEqual(xs);
  });

  it("pins the first values of seed 42 (the stream must never change silently)", () => {
    const r = createRng(42);
    expect([r.uniform(), r.uniform()]).toEqual([0.045860194863267756, 0.21364633732424188]);
    expect(r.normal()).toBe(-1.3692794822146392);
  });

  it("uniform() is built from pure-rand's raw xoroshiro128+ output (53 bits from two draws)", () => {
    const r = createRng(7);
    const raw = xoroshiro128plusFromState(r.state().words);
    const hi = raw.next() >>> 6;
    const lo = raw.next() >>> 5;
    expect(r.uniform()).toBe(hi * 2 ** -26 + lo * 2 ** -53);
  });

  it("large and negative safe-integer seeds are distinct", () => {
    const seeds = [
      0,
      1,
      -1,
      2 ** 32,
      2 ** 32 + 1,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
    ];
    const firsts = seeds.map((s) => createRng(s).uniform());
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it("rejects bad seeds with a message naming the function and option", () => {
    expect(() => createRng(1.5)).toThrow(
      "Option 'seed' of 'createRng' must be a safe integer; got 1.5",
    );
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRng(2 ** 60)).toThrow(/'seed'/);
  });
});

describe("serialisable state", () => {
  function drawAll(r: Rng): number[] {
    const out: number[] = [];
    for (let i = 0; i < 300; i++) {
      out.push(r.uniform(), r.normal(1, 2), r.integer(-5, 5), r.uniformRange(2, 3));
      if (i % 50 === 0)
        out.push(...r.permutation(7), ...r.sample(20, 5), ...r.fillNormal(new Float64Array(3)));
    }
    return out;
  }

  it("save, restore and continue identically (also with a pending normal spare)", () => {
    const r = createRng(123);
    r.normal(); // leaves the second Box–Muller deviate pending
    const saved = JSON.parse(JSON.stringify(r.state()));
    expect(saved.spare).not.toBeNull();
    const expected = drawAll(r);
    expect(drawAll(createRng(saved))).toEqual(expected);
  });

  it("clone continues identically and independently", () => {
    const r = createRng(5);
    r.uniform();
    const c = r.clone();
    expect(c.uniform()).toBe(r.uniform());
    c.uniform();
    expect(c.state()).not.toEqual(r.state());
  });

  it("rejects malformed states naming the field", () => {
    const good = createRng(1).state();
    expect(() => createRng({ ...good, algorithm: "mt" as never })).toThrow(/'state.algorithm'/);
    expect(() => createRng({ ...good, version: 2 as never })).toThrow(/'state.version'/);
    expect(() => createRng({ ...good, words: [1, 2, 3] as never })).toThrow(/'state.words'/);
    expect(() => createRng({ ...good, words: [0, 0, 0, 0] })).toThrow(/not all zero/);
    expect(() => createRng({ ...good, spare: Number.NaN })).toThrow(/'state.spare'/);
  });
});

describe("distributions", () => {
  const N = 100_000;

  it("uniform: range, mean 1/2, variance 1/12, and a chi-square test over 20 bins", () => {
    const r = createRng(2026);
    const bins = new Array(20).fill(0);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
      bins[Math.floor(u * 20)]++;
    }
    const mean = sum / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
    const expected = N / 20;
    const chi2 = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8); // p = 0.001 for 19 degrees of freedom
  });

  it("normal: mean, std and a Kolmogorov–Smirnov test against the normal CDF", () => {
    const r = createRng(99);
    const xs = r.fillNormal(new Float64Array(20_000), 3, 2);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(std - 2)).toBeLessThan(0.05);
    const sorted = Float64Array.from(xs, (v) => (v - 3) / 2).sort();
    const cdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    let d = 0;
    sorted.forEach((x, i) => {
      const f = cdf(x);
      d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs(f - (i + 1) / sorted.length));
    });
    expect(d).toBeLessThan(1.95 / Math.sqrt(sorted.length)); // p = 0.001
  });

  it("integer(min, max) covers the range evenly", () => {
    const r = createRng(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const v = r.integer(-2, 3);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("sample with replacement can repeat; without replacement it cannot", () => {
    const r = createRng(11);
    const withRep = r.sample(3, 50, { replace: true });
    expect(new Set(withRep).size).toBeLessThanOrEqual(3);
    const noRep = r.sample(1000, 1000);
    expect(new Set(noRep).size).toBe(1000);
    expect(() => r.sample(3, 4)).toThrow(/'k' of 'Rng.sample'/);
  });

  it("argument errors name the function and option", () => {
    const r = createRng(1);
    expect(() => r.integer(3, 1)).toThrow(
      "Option 'max' of 'Rng.integer' must be >= min (3); got 1",
    );
    expect(() => r.permutation(-1)).toThrow(/'n' of 'Rng.permutation'/);
    expect(() => r.fillNormal(new Float64Array(2), Number.NaN)).toThrow(
      /'mean' of 'Rng.fillNormal'/,
    );
    expect(() => r.uniformRange(1, 0)).toThrow(/'high'/);
  });
});

describe("independent streams", () => {
  it("fork and split give streams distinct from each other and from the parent", () => {
    const parent = createRng(8);
    const [a, b, c] = parent.split(3) as [Rng, Rng, Rng];
    const draws = [a, b, c, parent].map((r) => Array.from({ length: 50 }, () => r.uniform()));
    const all = new Set(draws.flat());
    expect(all.size).toBe(200);
  });

  it("forking is deterministic", () => {
    const x = createRng(8).fork().uniform();
    expect(createRng(8).fork().uniform()).toBe(x);
  });

  it("deriveSeed is deterministic, order-sensitive and tells numbers from strings", () => {
    expect(deriveSeed(42, "trial", 17)).toBe(deriveSeed(42, "trial", 17));
    expect(deriveSeed(42, "a", "b")).not.toBe(deriveSeed(42, "b", "a"));
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(42, "1"));
    expect(deriveSeed(42)).not.toBe(deriveSeed(43));
    expect(Number.isSafeInteger(deriveSeed(-7, "x"))).toBe(true);
    expect(deriveRng(42, "trial", 17).uniform()).toBe(
      createRng(deriveSeed(42, "trial", 17)).uniform(),
    );
    expect(() => deriveSeed(42, {} as never)).toThrow(/'keys\[0\]'/);
  });
});

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough for a KS test. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
}

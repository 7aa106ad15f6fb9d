import { createRng, type Rng } from "@backprop/random";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import { advance, chiSquare, ksStatistic, normalCdf, transitionPower } from "./reference.js";

const N = 100_000;

describe("uniform", () => {
  it("stays in [0, 1), has mean 1/2 and variance 1/12, and passes a chi-square test", () => {
    const r = createRng(2026);
    const bins = new Array<number>(20).fill(0);
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      sum += u;
      sq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      bins[Math.floor(u * 20)]!++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = sum / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // 5.5 standard errors
    expect(Math.abs(sq / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
    expect(chiSquare(bins)).toBeLessThan(43.8); // p = 0.001 for 19 degrees of freedom
  });

  it("uniformRange(low, high) is low + (high − low)·uniform()", () => {
    const r = createRng(5);
    const ref = r.clone();
    for (let i = 0; i < 1000; i++) expect(r.uniformRange(-3, 7)).toBe(-3 + 10 * ref.uniform());
    expect(r.uniformRange(2, 2)).toBe(2);
  });
});

describe("normal", () => {
  it("has mean 0 and std 1, and passes a Kolmogorov–Smirnov test", () => {
    const r = createRng(99);
    const xs = Array.from({ length: 20_000 }, () => r.normal());
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    expect(ksStatistic(xs, normalCdf)).toBeLessThan(1.95 / Math.sqrt(xs.length)); // p = 0.001
  });

  it("scales by mean and std, and fillNormal gives exactly the numbers normal() would", () => {
    const a = createRng(99).fillNormal(new Float64Array(1001), 3, 2);
    const r = createRng(99);
    expect(Array.from(a)).toEqual(Array.from({ length: 1001 }, () => 3 + 2 * r.normal()));
    const f32 = createRng(99).fillNormal(new Float32Array(1001), 3, 2);
    expect(Array.from(f32)).toEqual(Array.from(a, Math.fround));
    expect(ksStatistic(a, (x) => normalCdf((x - 3) / 2))).toBeLessThan(1.95 / Math.sqrt(1001));
    expect(createRng(1).normal(5, 0)).toBe(5);
  });
});

describe("fillUniform", () => {
  it("Float64Array: the numbers uniformRange would give", () => {
    const out = createRng(4).fillUniform(new Float64Array(500), -1, 3);
    const r = createRng(4);
    expect(Array.from(out)).toEqual(Array.from({ length: 500 }, () => r.uniformRange(-1, 3)));
  });

  it("Float32Array: 24 top bits of one draw, so [0, 1) holds after rounding to float32", () => {
    const r = createRng(8);
    const raw = xoroshiro128plusFromState(r.state().words);
    const out = r.fillUniform(new Float32Array(N));
    expect(Array.from(out.subarray(0, 1000))).toEqual(
      Array.from({ length: 1000 }, () => (raw.next() >>> 8) / 2 ** 24),
    );
    expect(Math.max(...out)).toBeLessThan(1);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(out.reduce((s, v) => s + v, 0) / N - 0.5)).toBeLessThan(0.005);
  });

  it("defaults to [0, 1) and returns the array it was given", () => {
    const out = new Float64Array(10);
    expect(createRng(1).fillUniform(out)).toBe(out);
    expect(out.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe("integer", () => {
  it("covers [min, max] evenly (chi-square), including a power-of-two range", () => {
    const r = createRng(3);
    for (const [min, max] of [
      [-2, 3],
      [0, 7],
      [1, 1000],
    ] as const) {
      const counts = new Array<number>(max - min + 1).fill(0);
      for (let i = 0; i < 200 * counts.length; i++) counts[r.integer(min, max) - min]!++;
      expect(counts.every((c) => c > 0)).toBe(true);
      // Loose bound: mean df + 6·sqrt(2·df).
      const df = counts.length - 1;
      expect(chiSquare(counts)).toBeLessThan(df + 6 * Math.sqrt(2 * df));
    }
  });

  it("integer(a, a) is a and draws nothing", () => {
    const r = createRng(3);
    const before = r.state();
    expect(r.integer(7, 7)).toBe(7);
    expect(r.state()).toEqual(before);
  });

  it("spans wider than 2^32, up to the whole safe range, stay exact and in range", () => {
    const r = createRng(12);
    let negatives = 0;
    for (let i = 0; i < 2000; i++) {
      const v = r.integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      expect(Number.isSafeInteger(v)).toBe(true);
      if (v < 0) negatives++;
    }
    expect(Math.abs(negatives - 1000)).toBeLessThan(150);
    const top = 2 ** 40;
    let sum = 0;
    for (let i = 0; i < 4000; i++) {
      const v = r.integer(-top, top);
      expect(v >= -top && v <= top && Number.isInteger(v)).toBe(true);
      sum += v / top;
    }
    expect(Math.abs(sum / 4000)).toBeLessThan(0.05); // mean 0, sd of the mean ≈ 0.009
    // The top word decides: a span of exactly 2^32 (two values of the high word).
    const counts = [0, 0];
    for (let i = 0; i < 4000; i++) counts[r.integer(0, 2 ** 32) >= 2 ** 31 ? 1 : 0]!++;
    expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThan(400);
  });
});

describe("permutation, shuffle and sample", () => {
  /** Fisher–Yates from the back, drawing with the public integer(): the oracle for both. */
  function referenceShuffle<T>(rng: Rng, items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = rng.integer(0, i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  it("permutation(n) and shuffle equal a reference Fisher–Yates", () => {
    const r = createRng(21);
    const ref = r.clone();
    for (const n of [0, 1, 2, 5, 100]) {
      const expected = referenceShuffle(
        ref,
        Array.from({ length: n }, (_, i) => i),
      );
      expect(Array.from(r.permutation(n))).toEqual(expected);
    }
    const words = ["a", "b", "c", "d", "e", "f"];
    expect(r.shuffle([...words])).toEqual(referenceShuffle(ref, [...words]));
    const typed = Float64Array.of(1, 2, 3, 4);
    expect(r.shuffle(typed)).toBe(typed);
  });

  it("every ordering of 4 items is about equally likely", () => {
    const r = createRng(22);
    const counts = new Map<string, number>();
    for (let i = 0; i < 24_000; i++) {
      const key = r.permutation(4).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    expect(chiSquare([...counts.values()])).toBeLessThan(49.7); // p = 0.001, 23 df
  });

  it("sample without replacement: distinct indices, partial Fisher–Yates from the front", () => {
    const r = createRng(11);
    const ref = r.clone();
    // Both internal paths (a dense pool and a sparse Map) must give the reference values.
    for (const [n, k] of [
      [10, 10],
      [1000, 7],
      [1_000_000, 50],
      [70_000, 60_000],
    ] as const) {
      const picks = r.sample(n, k);
      const expected: number[] = [];
      const pool = new Map<number, number>();
      for (let i = 0; i < k; i++) {
        const j = ref.integer(i, n - 1);
        expected.push(pool.get(j) ?? j);
        pool.set(j, pool.get(i) ?? i);
      }
      expect(Array.from(picks)).toEqual(expected);
      expect(new Set(picks).size).toBe(k);
      expect(picks.every((v) => v >= 0 && v < n)).toBe(true);
    }
  });

  it("sample with replacement repeats indices and is uniform", () => {
    const r = createRng(13);
    const picks = r.sample(5, 50_000, { replace: true });
    expect(new Set(picks.subarray(0, 10)).size).toBeLessThan(10);
    const counts = [0, 0, 0, 0, 0];
    for (const v of picks) counts[v]!++;
    expect(chiSquare(counts)).toBeLessThan(18.5); // p = 0.001, 4 df
    expect(r.sample(0, 0, { replace: true })).toEqual(new Int32Array(0));
    expect(r.sample(0, 0)).toEqual(new Int32Array(0));
  });
});

describe("independent streams", () => {
  /** The first `n` raw 32-bit outputs of a generator, from its state. */
  const rawStream = (r: Rng, n: number) => {
    const g = xoroshiro128plusFromState(r.state().words);
    return Array.from({ length: n }, () => g.next());
  };

  it("fork jumps the parent exactly 2^64 steps (checked against T^(2^64) over GF(2))", () => {
    const jump = transitionPower(64);
    const parent = createRng(8);
    const before = parent.state().words;
    parent.fork();
    expect(parent.state().words).toEqual(advance(jump, before));
  });

  it("fork and split give streams distinct from each other and from the parent", () => {
    const parent = createRng(8);
    const children = [parent.fork(), ...parent.split(3)];
    const streams = [...children, parent].map((r) => rawStream(r, 1000));
    const seen = new Set(streams.flatMap((s) => s.map((v, i) => `${v},${s[i + 1]}`)));
    expect(seen.size).toBe(5 * 1000);
  });

  it("forks of forks never meet their parents, siblings or cousins (a 4-ary tree, depth 3)", () => {
    const nodes: Rng[] = [];
    const grow = (r: Rng, depth: number) => {
      const children = r.split(4);
      nodes.push(r);
      if (depth > 1) for (const c of children) grow(c, depth - 1);
      else nodes.push(...children);
    };
    grow(createRng(1), 3);
    expect(nodes.length).toBe(1 + 4 + 16 + 64);
    // Any shared pair of consecutive 32-bit outputs would mean two overlapping streams.
    const seen = new Map<string, number>();
    const shared: string[] = [];
    nodes.forEach((r, index) => {
      const s = rawStream(r, 300);
      for (let i = 0; i + 1 < s.length; i++) {
        const key = `${s[i]},${s[i + 1]}`;
        const owner = seen.get(key);
        if (owner !== undefined && owner !== index) shared.push(`nodes ${owner} and ${index}`);
        seen.set(key, index);
      }
    });
    expect(shared).toEqual([]);
  });

  it("the cases a pure jump scheme gets wrong: child.fork() vs the parent and a sibling", () => {
    const p = createRng(1);
    const c = p.fork();
    const grandchild = c.fork();
    expect(grandchild.uniform()).not.toBe(p.clone().uniform());
    const q = createRng(1);
    const [a, b] = q.split(2) as [Rng, Rng];
    a.fork();
    expect(a.uniform()).not.toBe(b.uniform());
  });

  it("forking is deterministic and keeps the parent's pending normal", () => {
    const x = createRng(8);
    const y = createRng(8);
    x.normal();
    y.normal();
    expect(x.fork().state()).toEqual(y.fork().state());
    expect(x.state().spare).not.toBeNull();
    expect(x.normal()).toBe(y.normal());
    expect(createRng(8).split(0)).toEqual([]);
  });

  it("clone continues identically and independently", () => {
    const r = createRng(5);
    r.normal();
    const c = r.clone();
    expect(c.state()).toEqual(r.state());
    expect([c.normal(), c.uniform()]).toEqual([r.normal(), r.uniform()]);
    c.uniform();
    expect(c.state()).not.toEqual(r.state());
  });
});

describe("state round trip", () => {
  /** Thousands of draws of every method, interleaved, as plain numbers. */
  function drawAll(r: Rng, rounds: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < rounds; i++) {
      out.push(r.uniform(), r.normal(1, 2), r.integer(-5, 5), r.uniformRange(2, 3));
      if (i % 3 === 0) out.push(r.normal()); // leaves the spare pending about half the time
      if (i % 25 === 0) {
        out.push(...r.permutation(7), ...r.sample(20, 5), ...r.sample(4, 6, { replace: true }));
        out.push(...r.fillNormal(new Float64Array(3)), ...r.fillUniform(new Float32Array(3)));
        out.push(...r.shuffle([1, 2, 3, 4]), r.integer(-(2 ** 50), 2 ** 50));
        out.push(r.fork().uniform(), ...r.split(2).map((s) => s.normal()));
      }
    }
    return out;
  }

  it("save → JSON → restore continues identically, at many points and mid-way through normal()", () => {
    const r = createRng(123);
    const checkpoints: Array<{ state: unknown; expected: number[] }> = [];
    for (let round = 0; round < 10; round++) {
      const state = JSON.parse(JSON.stringify(r.state()));
      checkpoints.push({ state, expected: drawAll(r, 200) });
    }
    expect(checkpoints.some((c) => (c.state as { spare: unknown }).spare !== null)).toBe(true);
    expect(checkpoints.some((c) => (c.state as { spare: unknown }).spare === null)).toBe(true);
    for (const { state, expected } of checkpoints) {
      expect(expected.length).toBeGreaterThan(1000);
      expect(drawAll(createRng(state as never), 200)).toEqual(expected);
    }
  });

  it("a pending spare is returned after restore", () => {
    const r = createRng(77);
    r.normal();
    const { spare } = r.state();
    expect(typeof spare).toBe("number");
    expect(createRng(r.state()).normal()).toBe(spare as number);
  });
});

describe("bad arguments throw errors naming the method and option", () => {
  const r = createRng(1);
  const cases: Array<[() => unknown, ErrorConstructor, string]> = [
    [() => r.integer(3, 1), RangeError, "Option 'max' of 'Rng.integer' must be >= min (3); got 1"],
    [
      () => r.integer(Number.NaN, 1),
      RangeError,
      "Option 'min' of 'Rng.integer' must be a safe integer; got NaN",
    ],
    [
      () => r.integer(0, 2.5),
      RangeError,
      "Option 'max' of 'Rng.integer' must be a safe integer; got 2.5",
    ],
    [
      () => r.integer("1" as never, 2),
      TypeError,
      "Option 'min' of 'Rng.integer' must be a safe integer; got \"1\"",
    ],
    [
      () => r.permutation(-1),
      RangeError,
      "Option 'n' of 'Rng.permutation' must be a safe integer in [0, 2147483647]; got -1",
    ],
    [
      () => r.sample(-1, 0),
      RangeError,
      "Option 'n' of 'Rng.sample' must be a safe integer in [0, 2147483647]; got -1",
    ],
    [
      () => r.sample(3, 4),
      RangeError,
      "Option 'k' of 'Rng.sample' must be a safe integer in [0, 3]; got 4",
    ],
    [
      () => r.sample(3, -1, { replace: true }),
      RangeError,
      "Option 'k' of 'Rng.sample' must be a safe integer in [0, 2147483647]; got -1",
    ],
    [
      () => r.sample(0, 2, { replace: true }),
      RangeError,
      "Option 'n' of 'Rng.sample' must be >= 1 to draw k = 2 indices with replacement; got 0",
    ],
    [
      () => r.sample(3, 1, { replace: "yes" as never }),
      TypeError,
      "Option 'replace' of 'Rng.sample' must be a boolean; got \"yes\"",
    ],
    [
      () => r.split(-2),
      RangeError,
      "Option 'n' of 'Rng.split' must be a safe integer in [0, 2147483647]; got -2",
    ],
    [
      () => r.uniformRange(1, 0),
      RangeError,
      "Option 'high' of 'Rng.uniformRange' must be >= low (1); got 0",
    ],
    [
      () => r.uniformRange(Number.NaN, 1),
      RangeError,
      "Option 'low' of 'Rng.uniformRange' must be a finite number; got NaN",
    ],
    [
      () => r.uniformRange(-Number.MAX_VALUE, Number.MAX_VALUE),
      RangeError,
      "Option 'high' of 'Rng.uniformRange' must be within a finite distance of low (-1.7976931348623157e+308); got 1.7976931348623157e+308",
    ],
    [
      () => r.normal(Number.NaN),
      RangeError,
      "Option 'mean' of 'Rng.normal' must be a finite number; got NaN",
    ],
    [
      () => r.normal(0, -1),
      RangeError,
      "Option 'std' of 'Rng.normal' must be a finite number >= 0; got -1",
    ],
    [
      () => r.fillNormal(new Float64Array(2), 0, Number.POSITIVE_INFINITY),
      RangeError,
      "Option 'std' of 'Rng.fillNormal' must be a finite number >= 0; got Infinity",
    ],
    [
      () => r.fillUniform(new Float64Array(2), 0, Number.NaN),
      RangeError,
      "Option 'high' of 'Rng.fillUniform' must be a finite number; got NaN",
    ],
    [
      () => r.fillUniform(new Int32Array(2) as never),
      TypeError,
      "Option 'out' of 'Rng.fillUniform' must be a Float64Array or Float32Array; got Int32Array",
    ],
    [
      () => r.fillNormal([0, 0] as never),
      TypeError,
      "Option 'out' of 'Rng.fillNormal' must be a Float64Array or Float32Array; got Array",
    ],
    [
      () => r.shuffle(null as never),
      TypeError,
      "Option 'array' of 'Rng.shuffle' must be an array or typed array; got null",
    ],
  ];
  it.each(cases.map(([call, type, message]) => ({ call, type, message })))(
    "$message",
    ({ call, type, message }) => {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    },
  );

  it("a rejected call draws nothing", () => {
    const before = r.state();
    expect(() => r.sample(3, 4)).toThrow();
    expect(() => r.fillNormal(new Float64Array(4), 0, -1)).toThrow();
    expect(r.state()).toEqual(before);
  });
});

import { createRng, type Rng, type RngState } from "@backprop/random";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import { referenceNext, wordsToState } from "./reference.js";

const draw = (r: Rng, n: number) => Array.from({ length: n }, () => r.uniform());

describe("seeding", () => {
  it("same seed, same stream; different seeds, different streams", () => {
    const xs = draw(createRng(42), 100);
    expect(draw(createRng(42), 100)).toEqual(xs);
    for (const other of [43, 41, -42, 42 + 2 ** 32]) {
      const ys = draw(createRng(other), 100);
      expect(ys.filter((y, i) => y === xs[i])).toEqual([]);
    }
  });

  it("every safe integer is a seed, and neighbours and word-aligned seeds are distinct", () => {
    const seeds = [
      0,
      1,
      -1,
      2,
      2 ** 31,
      -(2 ** 31),
      2 ** 32 - 1,
      2 ** 32,
      2 ** 32 + 1,
      -(2 ** 32),
      2 ** 52,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
    ];
    const firsts = seeds.map((s) => createRng(s).uniform());
    expect(new Set(firsts).size).toBe(seeds.length);
    const many = new Set(Array.from({ length: 5000 }, (_, s) => createRng(s).state().words.join()));
    expect(many.size).toBe(5000);
  });

  it("rejects bad seeds with a message naming the function, option, expectation and value", () => {
    expect(() => createRng(1.5)).toThrow(
      new RangeError("Option 'seed' of 'createRng' must be a safe integer; got 1.5"),
    );
    expect(() => createRng(Number.NaN)).toThrow(
      new RangeError("Option 'seed' of 'createRng' must be a safe integer; got NaN"),
    );
    expect(() => createRng(Number.POSITIVE_INFINITY)).toThrow(/'seed' of 'createRng'.*Infinity/);
    expect(() => createRng(2 ** 60)).toThrow(RangeError);
    expect(() => createRng(0.5)).toThrow(RangeError);
    expect(() => createRng("42" as never)).toThrow(
      new TypeError(
        "Option 'seed' of 'createRng' must be a safe integer or an RngState from rng.state(); got \"42\"",
      ),
    );
    expect(() => createRng("42" as never)).toThrow(TypeError);
    expect(() => createRng(undefined as never)).toThrow(TypeError);
    expect(() => createRng(null as never)).toThrow(/'seed' of 'createRng'.*got null/);
  });
});

describe("golden values (the stream must never change silently)", () => {
  // Seed 42 → state words (splitmix32 seeding) → pure-rand xoroshiro128+ → uniform().
  const WORDS_42 = [939911724, -472474732, -346236540, 669442758];
  const RAW_42 = [196968026, -1803488816, 917604009, -18937904, 1563693994, -1709028637];
  const UNIFORM_42 = [0.045860194863267756, 0.21364633732424188, 0.3640758782936001];

  it("pins seed 42's state and first uniforms", () => {
    const r = createRng(42);
    expect(r.state()).toEqual({
      algorithm: "xoroshiro128plus",
      version: 1,
      words: WORDS_42,
      spare: null,
    });
    expect(draw(r, 3)).toEqual(UNIFORM_42);
    // Box–Muller with the portable log, sin and cos: these bits in every engine.
    const n = createRng(42);
    expect([n.normal(), n.normal(), n.normal()]).toEqual([
      0.5621955247858196, 2.418315880288097, -1.369279482214639,
    ]);
  });

  it("the pins are pure-rand's raw output, which is the low half of Vigna's xoroshiro128+", () => {
    const raw = xoroshiro128plusFromState(WORDS_42);
    const fromPureRand = Array.from({ length: 1000 }, () => raw.next());
    expect(fromPureRand.slice(0, RAW_42.length)).toEqual(RAW_42);
    const state = wordsToState(WORDS_42);
    const fromReference = Array.from({ length: 1000 }, () =>
      Number(BigInt.asIntN(32, referenceNext(state))),
    );
    expect(fromPureRand).toEqual(fromReference);
    // uniform() = top 26 bits of one draw and top 27 bits of the next, over 2^53.
    const expected = [0, 2, 4].map(
      (i) => ((RAW_42[i]! >>> 6) * 2 ** 27 + (RAW_42[i + 1]! >>> 5)) / 2 ** 53,
    );
    expect(expected).toEqual(UNIFORM_42);
  });

  it("integers use the top bits of each draw, never draw % n", () => {
    const r = createRng(42);
    const raw = xoroshiro128plusFromState(WORDS_42);
    for (let i = 0; i < 200; i++) expect(r.integer(0, 1)).toBe(raw.next() >>> 31);
    for (let i = 0; i < 200; i++) expect(r.integer(10, 10 + 255)).toBe(10 + (raw.next() >>> 24));
    const dice = createRng(42);
    expect(Array.from({ length: 8 }, () => dice.integer(1, 6))).toEqual([1, 5, 2, 3, 5, 5, 4, 2]);
    expect([...createRng(42).permutation(8)]).toEqual([7, 5, 3, 6, 2, 1, 4, 0]);
    expect([...createRng(42).sample(100, 5)]).toEqual([5, 75, 29, 49, 81]);
  });
});

describe("restoring a state", () => {
  it("createRng(state) continues exactly, through JSON", () => {
    const r = createRng(9);
    r.uniform();
    const saved: RngState = JSON.parse(JSON.stringify(r.state()));
    const copy = createRng(saved);
    expect(draw(copy, 50)).toEqual(draw(r, 50));
  });

  it("accepts words as unsigned 32-bit values and a missing spare", () => {
    const r = createRng(3);
    const { words } = r.state();
    const unsigned = createRng({
      algorithm: "xoroshiro128plus",
      version: 1,
      words: words.map((w) => w >>> 0),
    });
    expect(unsigned.state()).toEqual(r.state());
  });

  it("rejects malformed states with a TypeError naming the field", () => {
    const good = createRng(1).state();
    const bad = (patch: Record<string, unknown>) => () =>
      createRng({ ...good, ...patch } as unknown as RngState);
    expect(bad({ algorithm: "mt19937" })).toThrow(
      new TypeError(
        "Option 'state.algorithm' of 'createRng' must be \"xoroshiro128plus\"; got \"mt19937\"",
      ),
    );
    expect(bad({ version: 2 })).toThrow(
      new TypeError("Option 'state.version' of 'createRng' must be 1; got 2"),
    );
    expect(bad({ words: [1, 2, 3] })).toThrow(
      new TypeError(
        "Option 'state.words' of 'createRng' must be four 32-bit integers, not all zero; got [1,2,3]",
      ),
    );
    expect(bad({ words: [0, 0, 0, 0] })).toThrow(/'state.words'.*not all zero; got \[0,0,0,0\]/);
    expect(bad({ words: [1, 2, 3, 2 ** 32] })).toThrow(/'state.words'/);
    expect(bad({ words: [1, 2, 3, 0.5] })).toThrow(/'state.words'/);
    expect(bad({ words: "1,2,3,4" })).toThrow(/'state.words'/);
    expect(bad({ words: undefined })).toThrow(/'state.words'.*got undefined/);
    expect(bad({ spare: Number.NaN })).toThrow(
      new TypeError("Option 'state.spare' of 'createRng' must be a finite number or null; got NaN"),
    );
    expect(bad({ spare: "0.5" })).toThrow(/'state.spare'/);
    expect(() => createRng({} as RngState)).toThrow(/'state.algorithm'/);
  });
});

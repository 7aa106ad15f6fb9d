import { createRng, deriveRng, deriveSeed } from "@backprop/random";
import { describe, expect, it } from "vitest";

describe("deriveSeed", () => {
  it("is pinned, so it is the same on every platform and release", () => {
    expect(deriveSeed(42, "trial", 17)).toBe(3846558539113976);
    expect(deriveSeed(42, "layer", 3)).toBe(6719236025912627);
    expect(deriveSeed(0)).toBe(7091984890106926);
  });

  it("is deterministic, returns a non-negative safe integer and is a valid seed", () => {
    for (const s of [0, -7, 2 ** 52, Number.MIN_SAFE_INTEGER]) {
      const d = deriveSeed(s, "x", 1, "");
      expect(deriveSeed(s, "x", 1, "")).toBe(d);
      expect(Number.isSafeInteger(d) && d >= 0).toBe(true);
      expect(() => createRng(d)).not.toThrow();
    }
  });

  it("is sensitive to the base seed, every key, key order, key type and key boundaries", () => {
    const variants = [
      deriveSeed(42),
      deriveSeed(43),
      deriveSeed(42, "a", "b"),
      deriveSeed(42, "b", "a"),
      deriveSeed(42, "ab"),
      deriveSeed(42, "a", "b", ""),
      deriveSeed(42, 1),
      deriveSeed(42, "1"),
      deriveSeed(42, 1, 2),
      deriveSeed(42, 2, 1),
      deriveSeed(42, 2 ** 32),
      deriveSeed(42, 0, 1),
      deriveSeed(42, -1),
      deriveSeed(42, ""),
      deriveSeed(42, "é"),
      deriveSeed(42, "e\u0301"),
    ];
    expect(new Set(variants).size).toBe(variants.length);
  });

  it("has no collisions over 10 000 trial numbers, nor between studies", () => {
    const seen = new Set<number>();
    for (let study = 0; study < 3; study++) {
      for (let i = 0; i < 10_000; i++) seen.add(deriveSeed(study, "trial", i));
    }
    expect(seen.size).toBe(30_000);
  });

  it("spreads its bits: each of the 53 bits is set about half the time", () => {
    const ones = new Array<number>(53).fill(0);
    const n = 4000;
    for (let i = 0; i < n; i++) {
      let d = deriveSeed(7, i);
      for (let bit = 0; bit < 53; bit++) {
        ones[bit]! += d % 2;
        d = Math.floor(d / 2);
      }
    }
    for (const count of ones) expect(Math.abs(count - n / 2)).toBeLessThan(200); // 6.3 sd
  });

  it("rejects bad seeds and keys naming the option", () => {
    expect(() => deriveSeed(0.5)).toThrow(
      new RangeError("Option 'seed' of 'deriveSeed' must be a safe integer; got 0.5"),
    );
    expect(() => deriveSeed(1, "a", 1.5)).toThrow(
      new RangeError("Option 'keys[1]' of 'deriveSeed' must be a safe integer; got 1.5"),
    );
    expect(() => deriveSeed(1, Number.NaN)).toThrow(/'keys\[0\]' of 'deriveSeed'/);
    expect(() => deriveSeed(1, {} as never)).toThrow(
      new TypeError("Option 'keys[0]' of 'deriveSeed' must be a safe integer or a string; got {}"),
    );
  });
});

describe("deriveRng", () => {
  it("is createRng(deriveSeed(seed, ...keys))", () => {
    expect(deriveRng(42, "trial", 17).state()).toEqual(
      createRng(deriveSeed(42, "trial", 17)).state(),
    );
    expect(() => deriveRng(Number.NaN)).toThrow(/'seed' of 'deriveSeed'/);
  });
});

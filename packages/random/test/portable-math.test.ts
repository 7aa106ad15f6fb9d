import { describe, expect, it } from "vitest";
import { portableLog, portableSinCosTurns } from "../src/portable-math.js";

// The Box–Muller transform's log, sine and cosine, written in plain arithmetic so that every
// engine computes the same bits. They must be as accurate as the engine's own (within about an ulp
// of Math's results, which are themselves within an ulp of the truth).

const ulp = (x: number) => {
  const a = Math.abs(x);
  if (a === 0) return Number.MIN_VALUE;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
};

/** A deterministic spread of doubles in (0, 1) and beyond, without an Rng (this tests it). */
function samples(n: number, scale: (i: number) => number): number[] {
  let s = 0x12345678;
  return Array.from({ length: n }, (_, i) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s + 0.5) / 2 ** 32) * scale(i);
  });
}

describe("portableLog", () => {
  it("agrees with Math.log to within an ulp over (0, 1), where Box–Muller uses it, and beyond", () => {
    const xs = [
      ...samples(20_000, () => 1),
      ...samples(2_000, (i) => 2 ** (-60 + (i % 120))),
      2 ** -53,
      1 - 2 ** -53,
      Math.SQRT1_2,
      Math.SQRT2,
    ];
    let worst = 0;
    for (const x of xs)
      worst = Math.max(worst, Math.abs(portableLog(x) - Math.log(x)) / ulp(Math.log(x)));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("is exact where the logarithm is, and handles the edges", () => {
    expect(portableLog(1)).toBe(0);
    expect(portableLog(2)).toBe(Math.LN2);
    expect(portableLog(0.5)).toBe(-Math.LN2);
    expect(portableLog(2 ** -1074)).toBeCloseTo(-744.4400719213812, 10); // subnormal
    expect(portableLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("portableSinCosTurns", () => {
  // Math.sin(2πu) itself is off by up to half an ulp of 2πu (≈ 2 ulps of 1 near 2π) before it
  // starts; portableSinCosTurns reduces u exactly, so near 0 the two must agree closely, and
  // everywhere within that rounding of Math's argument.
  const worstAgainstMath = (us: readonly number[]) => {
    let worst = 0;
    for (const u of us) {
      const [s, c] = portableSinCosTurns(u);
      const t = 2 * Math.PI * u;
      worst = Math.max(
        worst,
        Math.abs(s - Math.sin(t)) / 2 ** -52,
        Math.abs(c - Math.cos(t)) / 2 ** -52,
      );
      expect(s * s + c * c).toBeCloseTo(1, 14);
    }
    return worst;
  };

  it("agrees with Math.sin/cos of 2πu to within an ulp of 1 for u in [0, 1/8)", () => {
    expect(worstAgainstMath(samples(20_000, () => 0.125))).toBeLessThanOrEqual(1);
  });

  it("and to within Math's own argument rounding over [0, 1)", () => {
    expect(worstAgainstMath([...samples(20_000, () => 1), 0.5, 1 - 2 ** -53])).toBeLessThanOrEqual(
      4,
    );
  });

  it("gives the exact values at the quarter turns", () => {
    expect(portableSinCosTurns(0)).toEqual([0, 1]);
    expect(portableSinCosTurns(0.25)).toEqual([1, -0]);
    expect(portableSinCosTurns(0.5)).toEqual([-0, -1]);
    expect(portableSinCosTurns(0.75)).toEqual([-1, 0]);
  });
});

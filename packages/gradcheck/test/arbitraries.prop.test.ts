// The arbitraries: their bounds, their kink avoidance, and where they shrink to.
import { InvalidOptionError } from "@backprop/errors";
import {
  matrixPairArb,
  runProperty,
  seedArb,
  shapeArb,
  tensorDataArb,
  valueArb,
} from "@backprop/gradcheck";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";

fc.configureGlobal({ seed: 31337, numRuns: 200 });

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

describe("valueArb", () => {
  test.prop([valueArb()])("values are finite, in [−3, 3], and never tiny but non-zero", (v) => {
    expect(Number.isFinite(v)).toBe(true);
    expect(Math.abs(v)).toBeLessThanOrEqual(3);
    expect(v === 0 || Math.abs(v) >= 2 ** -20).toBe(true);
    expect(Object.is(v, -0)).toBe(false);
    expect(Number.isInteger(v * 2 ** 20)).toBe(true); // on the 2^-20 grid: exact in float32
  });

  test.prop([valueArb({ min: -1, max: 2, avoid: { points: [0, 1], margin: 0.01 } })])(
    "avoid keeps every value at least margin away from each point",
    (v) => {
      expect(v).toBeGreaterThanOrEqual(-1);
      expect(v).toBeLessThanOrEqual(2);
      expect(Math.abs(v)).toBeGreaterThanOrEqual(0.01);
      expect(Math.abs(v - 1)).toBeGreaterThanOrEqual(0.01);
    },
  );

  it("spreads values over the range instead of piling them up near 0", () => {
    const values = fc.sample(valueArb({ min: -3, max: 3 }), { seed: 1, numRuns: 2000 });
    const tiny = values.filter((v) => v !== 0 && Math.abs(v) < 1e-3).length;
    const zeros = values.filter((v) => v === 0).length;
    const halves = values.filter((v) => v !== 0 && Number.isInteger(v * 2)).length;
    const large = values.filter((v) => Math.abs(v) > 2).length;
    expect(tiny).toBeLessThan(20); // ≈ 1/3000 of the fine values; fc.double would give ~90%
    expect(zeros / values.length).toBeGreaterThan(0.05);
    expect(halves / values.length).toBeGreaterThan(0.1);
    expect(large / values.length).toBeGreaterThan(0.2);
  });

  it("shrinks to 0 or to simple halves", () => {
    // Fails for any value above 0.3: the smallest simple failing value is 0.5.
    const above = runProperty(valueArb(), (v) => v <= 0.3, { seed: 5 });
    expect(above.counterexample).toBe(0.5);
    // Fails for any non-zero value: shrinks to ±0.5, not to 2^-20.
    const nonZero = runProperty(valueArb(), (v) => v === 0, { seed: 5 });
    expect(Math.abs(nonZero.counterexample!)).toBe(0.5);
    // Fails for everything: shrinks to 0.
    expect(runProperty(valueArb(), () => false, { seed: 5 }).counterexample).toBe(0);
    // With avoid, the smallest allowed simple value.
    const avoided = runProperty(valueArb({ avoid: { points: [0], margin: 1e-3 } }), () => false, {
      seed: 5,
    });
    expect(Math.abs(avoided.counterexample!)).toBe(0.5);
  });

  it("rejects bad options", () => {
    expect(() => valueArb({ min: 1, max: 0 })).toThrow(InvalidOptionError);
    expect(() => valueArb({ min: Number.NaN })).toThrow(InvalidOptionError);
    expect(() => valueArb({ avoid: { points: [0], margin: -1 } })).toThrow(/avoid.margin/);
    expect(() => valueArb({ min: -1, max: 1, avoid: { points: [0], margin: 1 } })).toThrow(
      /Option 'avoid' of 'valueArb' must be to leave at least 1% of \[-1, 1\] allowed/,
    );
    expect(fc.sample(valueArb({ min: 0.25, max: 0.25 }), 3)).toEqual([0.25, 0.25, 0.25]);
  });
});

describe("shapeArb", () => {
  test.prop([shapeArb({ minRank: 2, maxRank: 4, minDim: 2, maxDim: 5 })])("bounds", (shape) => {
    expect(shape.length).toBeGreaterThanOrEqual(2);
    expect(shape.length).toBeLessThanOrEqual(4);
    for (const d of shape) {
      expect(Number.isInteger(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(2);
      expect(d).toBeLessThanOrEqual(5);
    }
  });

  test.prop([shapeArb({ maxRank: 4, minDim: 2, maxDim: 6, maxSize: 30 })])(
    "maxSize caps the product (and the rank)",
    (shape) => {
      expect(size(shape)).toBeLessThanOrEqual(30);
      expect(shape.every((d) => d >= 2)).toBe(true);
    },
  );

  it("shrinks towards the smallest rank and dims", () => {
    expect(runProperty(shapeArb(), () => false, { seed: 3 }).counterexample).toEqual([1]);
    expect(runProperty(shapeArb({ minRank: 0 }), () => false, { seed: 3 }).counterexample).toEqual(
      [],
    );
    // Fails for 3 or more elements: a minimal shape with exactly 3 elements.
    const big = runProperty(shapeArb({ maxRank: 3, maxDim: 5 }), (s) => size(s) < 3, { seed: 3 });
    expect(size(big.counterexample!)).toBe(3);
    expect(big.counterexample).toEqual([3]);
  });

  it("rejects bad options", () => {
    expect(() => shapeArb({ minRank: 3, maxRank: 2 })).toThrow(InvalidOptionError);
    expect(() => shapeArb({ minDim: 1.5 })).toThrow(/Option 'minDim' of 'shapeArb'/);
    expect(() => shapeArb({ minRank: 2, minDim: 4, maxSize: 10 })).toThrow(/maxSize/);
  });
});

describe("tensorDataArb", () => {
  test.prop([tensorDataArb()])("values match the shape", (d) => {
    expect(d.values.length).toBe(size(d.shape));
    expect(d.shape.length).toBeGreaterThanOrEqual(1);
    expect(d.shape.length).toBeLessThanOrEqual(3);
  });

  test.prop([tensorDataArb({ shape: [2, 3], min: 0.5, max: 1 })])(
    "a fixed shape and range",
    (d) => {
      expect(d.shape).toEqual([2, 3]);
      expect(d.values.every((v) => v >= 0.5 && v <= 1)).toBe(true);
    },
  );

  it("shrinks shape and values: a property failing on any non-zero value of 3+ elements", () => {
    const result = runProperty(
      tensorDataArb({ shape: shapeArb({ maxRank: 3, maxDim: 4 }) }),
      (d) => d.values.length < 3 || d.values.every((v) => v === 0),
      { seed: 11 },
    );
    expect(result.failed).toBe(true);
    const d = result.counterexample!;
    expect(d.values).toHaveLength(3);
    expect(d.values.filter((v) => v !== 0)).toHaveLength(1);
    expect(d.values.every((v) => v === 0 || Math.abs(v) === 0.5)).toBe(true);
  });

  it("rejects a malformed fixed shape", () => {
    expect(() => tensorDataArb({ shape: [2, -1] })).toThrow(/Option 'shape' of 'tensorDataArb'/);
  });
});

describe("matrixPairArb and seedArb", () => {
  test.prop([matrixPairArb({ minDim: 2, maxDim: 3 })])("shapes chain for matMul", ({ a, b }) => {
    expect(a.shape[1]).toBe(b.shape[0]);
    for (const d of [...a.shape, ...b.shape]) expect(d >= 2 && d <= 3).toBe(true);
    expect(a.values).toHaveLength(size(a.shape));
    expect(b.values).toHaveLength(size(b.shape));
  });

  it("m, k and n shrink independently, keeping the failing values", () => {
    // Fails when some entry of a is above 1 and b has two columns.
    const result = runProperty(
      matrixPairArb(),
      ({ a, b }) => !(a.values.some((v) => v > 1) && b.shape[1] === 2),
      { seed: 8 },
    );
    expect(result.counterexample).toEqual({
      a: { shape: [1, 1], values: [1.5] },
      b: { shape: [1, 2], values: [0, 0] },
    });
  });

  test.prop([seedArb()])("seeds are non-negative 31-bit integers", (seed) => {
    expect(Number.isSafeInteger(seed) && seed >= 0 && seed < 2 ** 31).toBe(true);
  });
});

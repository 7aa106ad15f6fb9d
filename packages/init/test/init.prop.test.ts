import {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  normal,
  type ScaledInitOptions,
  torchLinearUniform,
  truncatedNormal,
  uniform,
} from "@backprop/init";
import { createRng } from "@backprop/random";
import type { Shape, Tensor } from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";

fc.configureGlobal({ seed: 777, numRuns: 40 });

const N = 20_000;
const fan = fc.integer({ min: 1, max: 2000 });

function moments(t: Tensor): { mean: number; variance: number; min: number; max: number } {
  const v = t.dataSync();
  let s = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of v) {
    s += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = s / v.length;
  let q = 0;
  for (const x of v) q += (x - mean) ** 2;
  return { mean, variance: q / v.length, min, max };
}

/** Sample mean and variance of N draws within 6 standard errors of the target. */
function expectNormalMoments(t: Tensor, std: number): void {
  const { mean, variance } = moments(t);
  expect(Math.abs(mean)).toBeLessThan((6 * std) / Math.sqrt(N));
  expect(Math.abs(variance - std * std)).toBeLessThan(6 * std * std * Math.sqrt(2 / N));
}

function expectUniformMoments(t: Tensor, limit: number): void {
  const { mean, variance, min, max } = moments(t);
  expect(min).toBeGreaterThanOrEqual(-limit);
  expect(max).toBeLessThan(limit);
  const sigma2 = (limit * limit) / 3;
  expect(Math.abs(mean)).toBeLessThan((6 * Math.sqrt(sigma2)) / Math.sqrt(N));
  expect(Math.abs(variance - sigma2)).toBeLessThan(6 * Math.sqrt((4 * limit ** 4) / (45 * N)));
}

// Shape [N] with the fans given as options: many samples for any fan shape.
const shape: Shape = [N];
const opts = (seed: number, fanIn: number, fanOut: number): ScaledInitOptions => ({
  rng: createRng(seed),
  fanIn,
  fanOut,
  backend: "reference",
});

test.prop([fc.integer(), fan, fan])(
  "normal-family std matches the formula for any fans",
  (seed, fanIn, fanOut) => {
    expectNormalMoments(
      glorotNormal(shape, opts(seed, fanIn, fanOut)),
      Math.sqrt(2 / (fanIn + fanOut)),
    );
    expectNormalMoments(heNormal(shape, opts(seed + 1, fanIn, fanOut)), Math.sqrt(2 / fanIn));
    expectNormalMoments(lecunNormal(shape, opts(seed + 2, fanIn, fanOut)), Math.sqrt(1 / fanIn));
  },
);

test.prop([fc.integer(), fan, fan])(
  "uniform-family bounds and variance match the formula for any fans",
  (seed, fanIn, fanOut) => {
    expectUniformMoments(
      glorotUniform(shape, opts(seed, fanIn, fanOut)),
      Math.sqrt(6 / (fanIn + fanOut)),
    );
    expectUniformMoments(heUniform(shape, opts(seed + 1, fanIn, fanOut)), Math.sqrt(6 / fanIn));
    expectUniformMoments(lecunUniform(shape, opts(seed + 2, fanIn, fanOut)), Math.sqrt(3 / fanIn));
    expectUniformMoments(
      torchLinearUniform(shape, opts(seed + 3, fanIn, fanOut)),
      1 / Math.sqrt(fanIn),
    );
  },
);

test.prop([fc.integer(), fc.double({ min: 0.001, max: 10, noNaN: true })])(
  "normal and uniform with explicit parameters",
  (seed, std) => {
    expectNormalMoments(normal(shape, { rng: createRng(seed), std, backend: "reference" }), std);
    expectUniformMoments(
      uniform(shape, { rng: createRng(seed), low: -std, high: std, backend: "reference" }),
      std,
    );
  },
);

test.prop([
  fc.integer(),
  fc.double({ min: 0.01, max: 5, noNaN: true }),
  fc.double({ min: 0.5, max: 3, noNaN: true }),
])(
  "truncated normal stays strictly inside mean ± bound·std, with the truncated std",
  (seed, std, bound) => {
    const t = truncatedNormal(shape, {
      rng: createRng(seed),
      mean: 1,
      std,
      bound,
      backend: "reference",
    });
    const { mean, variance, min, max } = moments(t);
    expect(min).toBeGreaterThan(1 - bound * std);
    expect(max).toBeLessThan(1 + bound * std);
    // Variance of N(0,1) truncated to ±b: 1 − 2bφ(b)/(2Φ(b) − 1).
    const phi = Math.exp((-bound * bound) / 2) / Math.sqrt(2 * Math.PI);
    const mass = erf(bound / Math.SQRT2);
    const expected = std * std * (1 - (2 * bound * phi) / mass);
    expect(Math.abs(mean - 1)).toBeLessThan((6 * std) / Math.sqrt(N));
    expect(Math.abs(variance - expected)).toBeLessThan(6 * std * std * Math.sqrt(2 / N));
  },
);

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return Math.sign(x) * y;
}

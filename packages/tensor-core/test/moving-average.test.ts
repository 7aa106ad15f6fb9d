import {
  addScaled,
  initBackend,
  memory,
  movingAverage,
  mul,
  scope,
  tensor,
} from "@backprop/tensor-core";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, expectClose } from "./support/backends.js";

// movingAverage(avg, value, { decay, scale }) = avg·decay + (value·scale)·(1 − decay): the composed
// ops' values bit for bit on both backends (wasm runs one SIMD kernel with a scalar tail).

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

describe.each(BACKENDS)("movingAverage [%s]", (backend) => {
  it("moves the average towards the value", () => {
    expectClose(
      movingAverage(tensor([1, 2], { backend }), tensor([3, 4], { backend }), { decay: 0.75 }),
      [1.5, 2.5],
    );
    expectClose(
      movingAverage(tensor([0], { backend }), tensor([3], { backend }), { decay: 0.5, scale: 2 }),
      [3],
    );
  });

  it("equals addScaled(mul(avg, decay), mul(value, scale), 1 − decay) bit for bit, at every length", () => {
    const cases = fc.integer({ min: 0, max: 37 }).chain((n) =>
      fc.record({
        avg: fc.float32Array({ minLength: n, maxLength: n, noNaN: true }),
        value: fc.float32Array({ minLength: n, maxLength: n, noNaN: true }),
        decay: fc.oneof(
          fc.constantFrom(0, 1, 0.9, 0.99, 0.1),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        scale: fc.option(
          fc.oneof(fc.constant(100 / 99), fc.double({ min: -4, max: 4, noNaN: true })),
          {
            nil: undefined,
          },
        ),
      }),
    );
    fc.assert(
      fc.property(cases, ({ avg, value, decay, scale }) => {
        const before = memory().numTensors;
        scope(() => {
          const a = tensor(avg, { shape: [avg.length], backend });
          const v = tensor(value, { shape: [value.length], backend });
          const composed = addScaled(
            mul(a, decay),
            scale === undefined ? v : mul(v, scale),
            1 - decay,
          );
          const options = scale === undefined ? { decay } : { decay, scale };
          expect(movingAverage(a, v, options).dataSync()).toEqual(composed.dataSync());
        });
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 31, numRuns: 200 },
    );
  });

  it("names the argument at fault", () => {
    const a = tensor([1, 2], { backend });
    expect(() => movingAverage(a, tensor([1], { backend }), { decay: 0.5 })).toThrow(
      "Argument 'value' passed to 'movingAverage' must have shape [2]; got [1]",
    );
    expect(() => movingAverage(a, a, { decay: 1.5 })).toThrow(/decay/);
    expect(() => movingAverage(a, a, { decay: 0.5, scale: Number.NaN })).toThrow(/scale/);
  });
});

import { add, addScaled, initBackend, memory, mul, scope, tensor } from "@backprop/tensor-core";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, expectClose } from "./support/backends.js";

// addScaled(a, b, alpha) = a + alpha·b: the composed ops' values bit for bit on both backends
// (wasm runs one SIMD kernel, with a scalar tail for lengths not divisible by four).

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

describe.each(BACKENDS)("addScaled [%s]", (backend) => {
  it("adds a scaled tensor", () => {
    expectClose(
      addScaled(tensor([[1, 2, 3]], { backend }), tensor([[10, 20, 30]], { backend }), -0.5),
      [[-4, -8, -12]],
    );
  });

  it("equals add(a, mul(b, alpha)) bit for bit, at every length and for w − η·g", () => {
    const cases = fc.integer({ min: 0, max: 37 }).chain((n) =>
      fc.record({
        a: fc.float32Array({ minLength: n, maxLength: n, noNaN: true }),
        b: fc.float32Array({ minLength: n, maxLength: n, noNaN: true }),
        alpha: fc.oneof(
          fc.constantFrom(-0.01, -0.1, 0.9, 1e-3),
          fc.double({ min: -4, max: 4, noNaN: true }),
        ),
      }),
    );
    fc.assert(
      fc.property(cases, ({ a, b, alpha }) => {
        const before = memory().numTensors;
        scope(() => {
          const ta = tensor(a, { shape: [a.length], backend });
          const tb = tensor(b, { shape: [b.length], backend });
          expect(addScaled(ta, tb, alpha).dataSync()).toEqual(add(ta, mul(tb, alpha)).dataSync());
        });
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("names the argument at fault", () => {
    const a = tensor([1, 2], { backend });
    expect(() => addScaled(a, tensor([1, 2, 3], { backend }), 1)).toThrow(
      "Argument 'b' passed to 'addScaled' must have shape [2]; got [3]",
    );
    expect(() => addScaled(a, a, Number.NaN)).toThrow(/alpha/);
    expect(() => addScaled(a, tensor([1, 2], { dtype: "int32", backend }), 1)).toThrow(
      /'b' passed to 'addScaled'/,
    );
  });
});

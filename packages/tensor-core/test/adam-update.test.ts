import {
  adamUpdate,
  add,
  div,
  initBackend,
  memory,
  mul,
  scope,
  sqrt,
  square,
  sub,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "./support/backends.js";

// adamUpdate: the composed Adam step's values bit for bit on both backends, in both placements of
// ε (wasm runs one fused SIMD kernel with a scalar tail).

function composed(
  w: Tensor,
  g: Tensor,
  m: Tensor,
  v: Tensor,
  o: { beta1: number; beta2: number; stepSize: number; denominatorScale?: number; eps: number },
) {
  const nm = add(mul(m, o.beta1), mul(g, 1 - o.beta1));
  const nv = add(mul(v, o.beta2), mul(square(g), 1 - o.beta2));
  const root = sqrt(nv);
  const denominator = add(
    o.denominatorScale === undefined ? root : div(root, o.denominatorScale),
    o.eps,
  );
  return { param: sub(w, div(mul(nm, o.stepSize), denominator)), m: nm, v: nv };
}

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

describe.each(BACKENDS)("adamUpdate [%s]", (backend) => {
  it("equals the composed ops bit for bit, in both placements of ε and at every length", () => {
    const cases = fc.integer({ min: 0, max: 23 }).chain((n) => {
      const arr = (min: number, max: number) =>
        fc.float32Array({
          minLength: n,
          maxLength: n,
          noNaN: true,
          noDefaultInfinity: true,
          min,
          max,
        });
      return fc.record({
        w: arr(-3, 3),
        g: arr(-5, 5),
        m: arr(-1, 1),
        v: arr(0, 2),
        t: fc.integer({ min: 1, max: 1000 }),
        lr: fc.constantFrom(1e-3, 0.01, 0.1),
        torch: fc.boolean(),
      });
    });
    fc.assert(
      fc.property(cases, ({ w, g, m, v, t, lr, torch }) => {
        const before = memory().numTensors;
        const [b1, b2] = [0.9, 0.999];
        const c1 = 1 - b1 ** t;
        const c2 = 1 - b2 ** t;
        const o = torch
          ? { beta1: b1, beta2: b2, stepSize: lr / c1, denominatorScale: Math.sqrt(c2), eps: 1e-8 }
          : { beta1: b1, beta2: b2, stepSize: (lr * Math.sqrt(c2)) / c1, eps: 1e-7 };
        scope(() => {
          const ts = [w, g, m, v].map((a) => tensor(a, { shape: [a.length], backend })) as [
            Tensor,
            Tensor,
            Tensor,
            Tensor,
          ];
          const fused = adamUpdate(...ts, o);
          const plain = composed(...ts, o);
          for (const key of ["param", "m", "v"] as const) {
            expect(fused[key].dataSync(), key).toEqual(plain[key].dataSync());
          }
        });
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 99, numRuns: 200 },
    );
  });

  it("names the argument at fault", () => {
    const a = tensor([1, 2], { backend });
    const o = { beta1: 0.9, beta2: 0.999, stepSize: 0.1, eps: 1e-8 };
    expect(() => adamUpdate(a, a, tensor([1], { backend }), a, o)).toThrow(
      "Argument 'm' passed to 'adamUpdate' must have shape [2]; got [1]",
    );
    expect(() => adamUpdate(a, a, a, a, { ...o, eps: Number.NaN })).toThrow(/eps/);
    expect(() => adamUpdate(a, a, a, a, { ...o, denominatorScale: 0 })).toThrow(/denominatorScale/);
  });
});

import { createOptimizer } from "@backprop/optimizers";
import { mul, setDefaultBackend, sub, sum, type Tensor, tensor } from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, expect } from "vitest";

fc.configureGlobal({ seed: 4711, numRuns: 30 });

beforeAll(() => setDefaultBackend("reference"));

// Learning rates that make each rule converge on these quadratics (the book's chapter 6 values).
const LR: Record<string, number> = {
  sgd: 0.95,
  momentum: 0.1,
  nesterov: 0.1,
  adagrad: 1.5,
  rmsprop: 0.1,
  adam: 0.3,
  adamw: 0.3,
};

function minimise(name: string, a: number[], c: number[], w0: number[], steps: number): number[] {
  const opt = createOptimizer(name, { lr: LR[name]! });
  const ta = tensor(a);
  const tc = tensor(c);
  const f = (w: Tensor) => sum(mul(mul(ta, mul(sub(w, tc), sub(w, tc))), 0.5)).item();
  const params = new Map([["w", tensor(w0)]]);
  const losses = [f(params.get("w")!)];
  for (let i = 0; i < steps; i++) {
    const g = mul(ta, sub(params.get("w")!, tc));
    opt.step(params, new Map([["w", g]]));
    g.dispose();
    losses.push(f(params.get("w")!));
  }
  return losses;
}

test.each(Object.keys(LR))("%s decreases the book's f(x, y) = x²/20 + y² from (−7, 2)", (name) => {
  // f = 0.5·(a₁x² + a₂y²) with a = [1/10, 2].
  const losses = minimise(name, [0.1, 2], [0, 0], [-7, 2], 30);
  expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
});

const quadratic = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    a: fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    c: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
    w0: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

test.prop([quadratic])("every optimizer decreases a random convex quadratic", ({ a, c, w0 }) => {
  for (const name of Object.keys(LR)) {
    const losses = minimise(name, a, c, w0, 40);
    if (losses[0]! < 1e-9) continue;
    expect(losses.at(-1)!, name).toBeLessThan(losses[0]!);
  }
});

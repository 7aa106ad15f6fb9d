import { checkGradients, tensorDataArb, valueArb } from "@backprop/gradcheck";
import {
  add,
  cast,
  exp,
  greater,
  mul,
  relu,
  scope,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
} from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";

fc.configureGlobal({ seed: 424242, numRuns: 60 });

const ref = { backend: "reference" } as const;
const h = 1e-5;

/**
 * f = Σ exp(x/2) + tanh(x): smooth, with f″ and f‴ of order 1, and a gradient
 * exp(x/2)/2 + 1 − tanh²(x) ≥ 0.11 on [−3, 3], so a relative error of δ is an absolute error
 * of at least 0.11·δ.
 */
const smooth = ({ x }: { x: Tensor }) => sum(add(exp(mul(x, 0.5)), tanh(x)));
function smoothGrad(x: Tensor): Tensor {
  return add(mul(exp(mul(x, 0.5)), 0.5), sub(1, square(tanh(x))));
}

test.prop([
  tensorDataArb({
    shape: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 1 }),
  }),
  fc.double({ min: 1e-5, max: 1, noNaN: true }),
  fc.boolean(),
])("a smooth f never reports kinks: slightly wrong gradients are failures", (d, relative, up) => {
  scope(() => {
    const x = tensor(d.values, { shape: d.shape, ...ref });
    const factor = up ? 1 + relative : 1 - relative;
    const report = checkGradients({
      f: smooth,
      inputs: { x },
      analytic: ({ x }) => ({ x: mul(smoothGrad(x), factor) }),
    });
    const t = report.tensor("x")!;
    expect(t.kinks).toBe(0);
    expect(t.failed).toBe(t.checked);
    // And the correct gradient passes.
    const good = checkGradients({
      f: smooth,
      inputs: { x },
      analytic: ({ x }) => ({ x: smoothGrad(x) }),
    });
    expect(good.ok).toBe(true);
  });
});

test.prop([
  fc.double({ min: -0.999, max: 0.999, noNaN: true }),
  valueArb({ min: -2, max: 2 }),
  valueArb({ min: 0.25, max: 3 }),
])(
  "ReLU with its kink anywhere in [x − h, x + h] is a kink or a pass, never a failure",
  (u, c, slope) => {
    scope(() => {
      // f = slope · relu(x − c) with x = c + u·h: the kink at c sits at distance |u|·h from x.
      const x = tensor([c + u * h], ref);
      const report = checkGradients({
        f: ({ x }) => mul(sum(relu(sub(x, c))), slope),
        inputs: { x },
        analytic: ({ x }) => ({ x: mul(cast(greater(x, c), "float"), slope) }),
      });
      const t = report.tensor("x")!;
      expect(t.failed).toBe(0);
      expect(t.kinks + (t.ok ? 1 : 0)).toBeGreaterThanOrEqual(1);
    });
  },
);

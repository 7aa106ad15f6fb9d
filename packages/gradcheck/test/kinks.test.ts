import { checkGradients, LISTED } from "@backprop/gradcheck";
import {
  abs,
  cast,
  greater,
  maximum,
  mul,
  relu,
  scope,
  sign,
  square,
  sum,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import { describe, expect, it } from "vitest";

const ref = { backend: "reference" } as const;
const h = 1e-5;

/** The analytic gradient of Σ relu(x), with relu′(0) = 0. */
const reluGrad = ({ x }: { x: Tensor }) => ({ x: cast(greater(x, 0), "float") });

describe("kinks", () => {
  it("ReLU at exactly 0 and anywhere within h of 0 is a kink, not a failure", () => {
    scope(() => {
      // 0, then points at 1/10 … 9/10 of h on both sides (the kink anywhere in the window), and
      // two ordinary points.
      const near = [0.1, 0.25, 1 / 3, 0.4, 0.5, 0.6, 2 / 3, 0.75, 0.9, 0.99].flatMap((u) => [
        u * h,
        -u * h,
      ]);
      const values = [0, ...near, -1, 0.5];
      const x = tensor(values, ref);
      const report = checkGradients({
        f: ({ x }) => sum(relu(x)),
        inputs: { x },
        analytic: reluGrad,
      });
      expect(report.ok).toBe(true);
      const t = report.tensor("x")!;
      expect(t.failed).toBe(0);
      expect(t.kinks).toBe(1 + near.length);
      // The first LISTED (20) of the 21 kinks are listed.
      expect(t.kinkIndices).toEqual(values.slice(0, LISTED).map((_, i) => i));
      // The ordinary points are checked as usual and stay out of the kink list.
      expect(t.maxAbsError).toBeLessThan(1e-9);
      expect(report.format()).toContain(
        `'x': ${1 + near.length} element(s) at a kink, not counted`,
      );
    });
  });

  it("ReLU just outside ±h is an ordinary, passing element", () => {
    scope(() => {
      const x = tensor([1.5 * h, -1.5 * h, 3 * h], ref);
      const report = checkGradients({
        f: ({ x }) => sum(relu(x)),
        inputs: { x },
        analytic: reluGrad,
      });
      expect(report.tensor("x")).toMatchObject({ ok: true, kinks: 0, failed: 0 });
    });
  });

  it("abs at 0, and max(x, y) where x = y, are kinks", () => {
    scope(() => {
      // With abs′(0) = 1 (the convention of x >= 0 ? 1 : −1) the central difference (0) disagrees.
      const a = checkGradients({
        f: ({ x }) => sum(abs(x)),
        inputs: { x: tensor([0, 1.5, -2], ref) },
        analytic: { x: tensor([1, 1, -1], ref) },
      });
      expect(a.ok).toBe(true);
      expect(a.tensor("x")).toMatchObject({ kinks: 1, kinkIndices: [0] });
      // With sign(0) = 0 it agrees with the central difference: nothing to explain, a pass.
      const s = checkGradients({
        f: ({ x }) => sum(abs(x)),
        inputs: { x: tensor([0, 1.5, -2], ref) },
        analytic: ({ x }) => ({ x: sign(x) }),
      });
      expect(s.tensor("x")).toMatchObject({ ok: true, kinks: 0, failed: 0 });
      const m = checkGradients({
        f: ({ x, y }) => sum(maximum(x, y)),
        inputs: { x: tensor([1, 2], ref), y: tensor([1, 0], ref) },
        analytic: ({ x, y }) => ({
          x: cast(greater(x, y), "float"),
          y: cast(greater(y, x), "float"),
        }),
      });
      expect(m.ok).toBe(true);
      expect(m.tensor("x")).toMatchObject({ kinks: 1, kinkIndices: [0] });
      expect(m.tensor("y")).toMatchObject({ kinks: 1, kinkIndices: [0] });
    });
  });

  it("a non-smooth second derivative (relu(x)², C¹ at 0) is a kink when the difference misses", () => {
    scope(() => {
      // d/dx relu(x)² = 2·relu(x) = 0 at 0, but the central difference gives h/2.
      const report = checkGradients({
        f: ({ x }) => sum(square(relu(x))),
        inputs: { x: tensor([0, 1], ref) },
        analytic: ({ x }) => ({ x: mul(relu(x), 2) }),
      });
      expect(report.tensor("x")).toMatchObject({ ok: true, kinks: 1, kinkIndices: [0] });
    });
  });

  it("a wrong gradient at a kink still fails when the kink cannot explain the error", () => {
    scope(() => {
      // At 0 the one-sided slopes are 0 and 1; an analytic 5 is wrong whatever the convention.
      const report = checkGradients({
        f: ({ x }) => sum(relu(x)),
        inputs: { x: tensor([0, 1], ref) },
        analytic: { x: tensor([5, 1], ref) },
      });
      expect(report.tensor("x")).toMatchObject({
        ok: false,
        failed: 1,
        kinks: 0,
        failedIndices: [0],
      });
    });
  });

  it('with kinks: "off" every out-of-tolerance element fails', () => {
    scope(() => {
      const report = checkGradients({
        f: ({ x }) => sum(relu(x)),
        inputs: { x: tensor([0, 2e-6, 1], ref) },
        analytic: reluGrad,
        kinks: "off",
      });
      expect(report.tensor("x")).toMatchObject({
        ok: false,
        failed: 2,
        kinks: 0,
        failedIndices: [0, 1],
      });
      expect(report.tolerances.kinks).toBe("off");
      expect(report.format()).toContain(", kinks off)");
    });
  });
});

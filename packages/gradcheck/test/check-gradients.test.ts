import { InvalidOptionError, ShapeError } from "@backprop/errors";
import {
  assertGradients,
  checkBackward,
  checkGradients,
  formatReport,
  GradientCheckError,
} from "@backprop/gradcheck";
import {
  abs,
  cast,
  greater,
  initBackend,
  memory,
  mul,
  relu,
  setDefaultBackend,
  sigmoid,
  sub,
  sum,
  tanh,
  tensor,
} from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";
import { affineBackward, affineInputs, affineLoss } from "./support.js";

const ref = { backend: "reference" } as const;

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
  setDefaultBackend("reference");
});

describe("checkGradients", () => {
  const k = {
    n: 3,
    d: 4,
    c: 3,
    x: [0.1, -0.4, 1.2, 0.3, -1, 0.5, 0.8, -0.2, 0.7, 0.05, -0.6, 1.1],
    w: [0.2, -0.3, 0.1, 0.5, 0.4, -0.2, -0.1, 0.3, 0.6, 0.2, -0.5, 0.1],
    b: [0.1, 0, -0.1],
    labels: [2, 0, 1],
  };

  it("passes a correct backward of softmax cross-entropy over an affine map, per input", () => {
    const { labels, inputs } = affineInputs(k);
    const report = checkGradients({
      f: affineLoss(labels, 3),
      inputs,
      analytic: affineBackward(labels, 3, "correct"),
    });
    expect(report.ok).toBe(true);
    expect(report.tensors.map((t) => t.name)).toEqual(["x", "w", "b"]);
    for (const t of report.tensors) {
      expect(t.failed).toBe(0);
      expect(t.kinks).toBe(0);
      expect(t.maxRelError).toBeLessThan(1e-6);
    }
    expect(formatReport(report)).toContain("gradient check PASS");
  });

  it("fails a wrong backward and names the input, the worst element and both values", () => {
    const { labels, inputs } = affineInputs(k);
    const report = checkGradients({
      f: affineLoss(labels, 3),
      inputs,
      analytic: affineBackward(labels, 3, "factor-2"),
    });
    expect(report.ok).toBe(false);
    const w = report.tensors.find((t) => t.name === "w")!;
    expect(w.failed).toBeGreaterThan(0);
    expect(w.worst?.analytic).toBeCloseTo(2 * w.worst!.numerical, 6);
    expect(report.tensors.find((t) => t.name === "x")!.failed).toBe(0);
    expect(() => assertGradients(report)).toThrow(GradientCheckError);
    try {
      assertGradients(report);
    } catch (e) {
      expect(GradientCheckError.isInstance(e)).toBe(true);
      expect((e as Error).message).toContain("disagree for 'w'");
      expect((e as Error).message).toContain("gradient check FAIL");
      expect((e as GradientCheckError).report).toBe(report);
    }
  });

  it("reports ReLU and abs at (or within h of) 0 as kinks, not failures", () => {
    const x = tensor([-1, 0, 2e-6, 0.5, -3e-6], ref);
    // Analytic gradient of Σ relu(x) with the convention relu'(0) = 0.
    const report = checkGradients({
      f: ({ x }) => sum(relu(x!)),
      inputs: { x },
      analytic: ({ x }) => ({ x: cast(greater(x!, 0), "float") }),
    });
    expect(report.ok).toBe(true);
    const t = report.tensors[0]!;
    expect(t.kinks).toBeGreaterThanOrEqual(2);
    expect(t.kinkIndices).toContain(1);
    expect(t.failed).toBe(0);
    const a = checkGradients({
      f: ({ x }) => sum(abs(x!)),
      inputs: { x: tensor([0, 1.5], ref) },
      analytic: { x: tensor([1, 1], ref) },
    });
    expect(a.ok).toBe(true);
    expect(a.tensors[0]!.kinkIndices).toEqual([0]);
  });

  it("with kinks: 'off' the same elements fail", () => {
    const report = checkGradients({
      f: ({ x }) => sum(relu(x!)),
      inputs: { x: tensor([0, 1], ref) },
      analytic: { x: tensor([0, 1], ref) },
      kinks: "off",
    });
    expect(report.ok).toBe(false);
  });

  it("a wrong gradient at a smooth point is a failure, never a kink", () => {
    const x = tensor([0.3, -0.7, 1.1], ref);
    const report = checkGradients({
      f: ({ x }) => sum(tanh(x!)),
      inputs: { x },
      analytic: ({ x }) => ({ x: mul(sub(1, mul(tanh(x!), tanh(x!))), 1.01) }),
    });
    expect(report.ok).toBe(false);
    expect(report.tensors[0]!.kinks).toBe(0);
    expect(report.tensors[0]!.failed).toBe(3);
  });

  it("leaks nothing", () => {
    const { labels, inputs } = affineInputs(k);
    const before = memory().numTensors;
    checkGradients({
      f: affineLoss(labels, 3),
      inputs,
      analytic: affineBackward(labels, 3, "correct"),
    });
    expect(memory().numTensors).toBe(before);
  });

  it("typed errors name the input at fault", () => {
    const x = tensor([1, 2], ref);
    const f = ({ x }: Readonly<Record<string, import("@backprop/tensor-core").Tensor>>) => sum(x!);
    expect(() => checkGradients({ f, inputs: { x }, analytic: {} })).toThrow(/'analytic.x'/);
    expect(() =>
      checkGradients({ f, inputs: { x }, analytic: { x: tensor([1, 1, 1], ref) } }),
    ).toThrow(ShapeError);
    expect(() => checkGradients({ f: ({ x }) => x!, inputs: { x }, analytic: { x } })).toThrow(
      /must have shape a scalar/,
    );
    expect(() =>
      checkGradients({ f, inputs: { x: tensor([1, 2], { backend: "wasm" }) }, analytic: { x } }),
    ).toThrow(/'inputs.x'/);
    expect(() => checkGradients({ f, inputs: { x }, analytic: { x }, rtol: -1 })).toThrow(
      InvalidOptionError,
    );
    expect(() => checkGradients({ f, inputs: {}, analytic: {} })).toThrow(/'inputs'/);
  });
});

describe("checkBackward", () => {
  it("checks a layer-shaped backward with a random cotangent", () => {
    const x = tensor(
      [
        [-1, 0.5, 2],
        [0.3, -0.2, 0.9],
      ],
      ref,
    );
    const forward = ({ x }: Readonly<Record<string, import("@backprop/tensor-core").Tensor>>) =>
      sigmoid(x!);
    const good = checkBackward({
      inputs: { x },
      forward,
      backward: ({ x }, dy) => {
        const s = sigmoid(x!);
        return { x: mul(dy, mul(s, sub(1, s))) };
      },
      seed: 3,
    });
    expect(good.ok).toBe(true);
    const bad = checkBackward({
      inputs: { x },
      forward,
      backward: (_inputs, dy) => ({ x: mul(dy, 0.25) }),
      seed: 3,
    });
    expect(bad.ok).toBe(false);
  });
});

import {
  BackpropError,
  DisposedError,
  DTypeError,
  InvalidOptionError,
  ShapeError,
} from "@backprop/errors";
import {
  assertGradients,
  checkGradients,
  DEFAULT_ATOL,
  DEFAULT_RTOL,
  formatReport,
  GradCheckReport,
  GradientCheckError,
} from "@backprop/gradcheck";
import {
  add,
  exp,
  memory,
  mul,
  scope,
  sigmoid,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
} from "@backprop/tensor-core";
import { describe, expect, it } from "vitest";
import { type AffineCase, affineBackward, affineInputs, affineLoss } from "./support.js";
import { withWasm } from "./wasm.js";

const ref = { backend: "reference" } as const;

const k: AffineCase = {
  n: 3,
  d: 4,
  c: 3,
  x: [0.1, -0.4, 1.2, 0.3, -1, 0.5, 0.8, -0.2, 0.7, 0.05, -0.6, 1.1],
  w: [0.2, -0.3, 0.1, 0.5, 0.4, -0.2, -0.1, 0.3, 0.6, 0.2, -0.5, 0.1],
  b: [0.1, 0, -0.1],
  labels: [2, 0, 1],
};

describe("checkGradients", () => {
  it("passes a correct backward of softmax cross-entropy over an affine map, per input", () => {
    scope(() => {
      const { labels, inputs } = affineInputs(k);
      const report = checkGradients({
        f: affineLoss(labels, 3),
        inputs,
        analytic: affineBackward(labels, 3, "correct"),
      });
      expect(report).toBeInstanceOf(GradCheckReport);
      expect(report.ok).toBe(true);
      expect(report.failing).toEqual([]);
      expect(report.tensors.map((t) => [t.name, t.shape, t.checked])).toEqual([
        ["x", [3, 4], 12],
        ["w", [4, 3], 12],
        ["b", [3], 3],
      ]);
      for (const t of report.tensors) {
        expect(t).toMatchObject({
          ok: true,
          failed: 0,
          kinks: 0,
          failedIndices: [],
          kinkIndices: [],
        });
        expect(t.maxRelError).toBeLessThan(1e-7);
        expect(t.maxAbsError).toBeLessThan(1e-9);
      }
      expect(report.tolerances).toEqual({
        atol: DEFAULT_ATOL * Math.max(1, affineLoss(labels, 3)(inputs).item()),
        rtol: DEFAULT_RTOL,
        h: 1e-5,
        kinks: "detect",
      });
      expect(String(report)).toMatch(/^gradient check PASSED \(\|a − n\| ≤ .* \+ 1e-6·max/);
      expect(report.format()).toBe(formatReport(report));
      expect(`${report}`).toBe(report.toString());
    });
  });

  it("fails a wrong backward, naming the input, its worst element (multi-index and flat) and both values", () => {
    scope(() => {
      const { labels, inputs } = affineInputs(k);
      const report = checkGradients({
        f: affineLoss(labels, 3),
        inputs,
        analytic: affineBackward(labels, 3, "factor-2"),
      });
      expect(report.ok).toBe(false);
      expect(report.failing).toEqual(["w"]);
      const w = report.tensor("w")!;
      expect(w.ok).toBe(false);
      expect(w.failed).toBe(12);
      expect(w.failedIndices).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      const worst = w.worst!;
      expect(worst.analytic / worst.numerical).toBeCloseTo(2, 6);
      expect(worst.absError).toBeCloseTo(Math.abs(worst.numerical), 6);
      expect(worst.relError).toBeCloseTo(0.5, 6);
      expect(worst.index).toEqual([Math.floor(worst.flatIndex / 3), worst.flatIndex % 3]);
      expect(w.maxAbsError).toBe(worst.absError); // the largest error is also the worst excess here
      expect(w.maxRelError).toBeCloseTo(0.5, 6);
      expect(report.tensor("x")!.ok).toBe(true);
      expect(report.tensor("b")!.ok).toBe(true);

      const table = report.format();
      expect(table).toContain("gradient check FAILED for 'w'");
      const row = table.split("\n").find((l) => l.startsWith("w "))!;
      expect(row).toContain(`[${worst.index.join(", ")}]`);
      expect(row.split(/\s{2,}/).slice(0, 5)).toEqual(["w", "[4, 3]", "12", "12", "0"]);
    });
  });

  it("assertGradients throws a GradientCheckError carrying the report and the table", () => {
    scope(() => {
      const { labels, inputs } = affineInputs(k);
      const good = checkGradients({
        f: affineLoss(labels, 3),
        inputs,
        analytic: affineBackward(labels, 3, "correct"),
      });
      expect(assertGradients(good)).toBe(good);
      const bad = checkGradients({
        f: affineLoss(labels, 3),
        inputs,
        analytic: affineBackward(labels, 3, "missing-term"),
      });
      let thrown: unknown;
      try {
        assertGradients(bad);
      } catch (e) {
        thrown = e;
      }
      expect(GradientCheckError.isInstance(thrown)).toBe(true);
      expect(BackpropError.isInstance(thrown)).toBe(true);
      const error = thrown as GradientCheckError;
      expect(error.name).toBe("GradientCheckError");
      expect(error.code).toBe("BACKPROP_GRADIENT_CHECK");
      expect(error.report).toBe(bad);
      expect(error.failing).toEqual(["x", "w", "b"]);
      expect(error.message).toMatch(
        /^Analytic and numerical gradients disagree for 'x' \(\d+ of 12 elements\), 'w'/,
      );
      expect(error.message).toContain(bad.format());
    });
  });

  it("takes the gradients as a record or as a function, and skips inputs on request", () => {
    scope(() => {
      const x = tensor([0.3, -1.2, 2], ref);
      const t = tensor([1, 0, -1], ref);
      const f = ({ x, t }: { x: Tensor; t: Tensor }) => mul(sum(square(sub(x, t))), 0.5);
      const asRecord = checkGradients({
        f,
        inputs: { x, t },
        analytic: { x: sub(x, t) },
        skip: ["t"],
      });
      const asFunction = checkGradients({
        f,
        inputs: { x, t },
        analytic: ({ x, t }) => ({ x: sub(x, t), t: sub(t, x) }),
      });
      expect(asRecord.ok && asFunction.ok).toBe(true);
      expect(asRecord.tensors.map((c) => c.name)).toEqual(["x"]);
      expect(asFunction.tensors.map((c) => c.name)).toEqual(["x", "t"]);
    });
  });

  it("names inputs freely, e.g. dense1.weight", () => {
    scope(() => {
      const inputs = {
        "dense1.weight": tensor([0.5, -0.25], ref),
        "dense1.bias": tensor([0.1], ref),
      };
      const report = checkGradients({
        f: (p) => sum(mul(sigmoid(add(p["dense1.weight"], p["dense1.bias"])), 2)),
        inputs,
        analytic: (p) => {
          const s = sigmoid(add(p["dense1.weight"], p["dense1.bias"]));
          const ds = mul(mul(s, sub(1, s)), 2);
          return { "dense1.weight": ds, "dense1.bias": sum(ds, { keepDims: true }) };
        },
      });
      expect(report.ok).toBe(true);
      expect(report.tensors.map((t) => t.name)).toEqual(["dense1.weight", "dense1.bias"]);
    });
  });

  it("scales the default atol with |f(x)| and applies an explicit atol/rtol exactly", () => {
    scope(() => {
      const x = tensor([3, -4], ref);
      const f = ({ x }: { x: Tensor }) => mul(sum(square(x)), 100); // f = 2500
      const analytic = { x: mul(x, 200) };
      expect(checkGradients({ f, inputs: { x }, analytic }).tolerances.atol).toBeCloseTo(
        2500e-8,
        15,
      );
      const exact = checkGradients({ f, inputs: { x }, analytic, atol: 1e-3, rtol: 0 });
      expect(exact.tolerances).toMatchObject({ atol: 1e-3, rtol: 0 });
      // A relative error of 1e-7 passes at the default rtol and fails at rtol 1e-8, atol 0.
      const slightlyOff = { x: mul(x, 200 * (1 + 1e-7)) };
      expect(checkGradients({ f, inputs: { x }, analytic: slightlyOff }).ok).toBe(true);
      expect(
        checkGradients({ f, inputs: { x }, analytic: slightlyOff, rtol: 1e-8, atol: 0 }).ok,
      ).toBe(false);
    });
  });

  it("reports NaN gradients as failures", () => {
    scope(() => {
      const x = tensor([1, 2], ref);
      const report = checkGradients({
        f: ({ x }) => sum(exp(x)),
        inputs: { x },
        analytic: { x: tensor([Number.NaN, Math.exp(2)], ref) },
      });
      expect(report.ok).toBe(false);
      expect(report.tensor("x")).toMatchObject({ failed: 1, failedIndices: [0] });
      expect(report.tensor("x")!.worst!.flatIndex).toBe(0);
      expect(report.tensor("x")!.maxAbsError).toBeNaN();
    });
  });

  it("handles scalar and empty inputs", () => {
    scope(() => {
      const s = tensor(1.5, ref);
      const e = tensor([], { shape: [0], ...ref });
      const report = checkGradients({
        f: ({ s, e }) => add(mul(s, s), sum(e)),
        inputs: { s, e },
        analytic: ({ s, e }) => ({ s: mul(s, 2), e: mul(e, 1) }),
      });
      expect(report.ok).toBe(true);
      expect(report.tensor("s")).toMatchObject({ shape: [], checked: 1 });
      expect(report.tensor("s")!.worst!.index).toEqual([]);
      expect(report.tensor("e")).toMatchObject({ shape: [0], checked: 0, worst: null });
    });
  });

  it("leaks nothing, passing or failing, and leaves the inputs untouched", () => {
    const { labels, inputs } = affineInputs(k);
    const before = memory().numTensors;
    for (const mutant of ["correct", "transposed"] as const) {
      checkGradients({
        f: affineLoss(labels, 3),
        inputs,
        analytic: affineBackward(labels, 3, mutant),
      });
    }
    expect(memory().numTensors).toBe(before);
    expect([...inputs.x.dataSync()]).toEqual(k.x);
    expect(() =>
      checkGradients({ f: affineLoss(labels, 3), inputs, analytic: { x: inputs.x } }),
    ).toThrow(InvalidOptionError);
    expect(memory().numTensors).toBe(before);
    for (const t of [labels, inputs.x, inputs.w, inputs.b]) t.dispose();
  });
});

describe("checkGradients: typed errors that name the input at fault", () => {
  const f = ({ x }: { x: Tensor }) => sum(x);

  it("a missing analytic gradient, or one for an unknown input", () => {
    scope(() => {
      const x = tensor([1, 2], ref);
      const y = tensor([3], ref);
      const fxy = ({ x, y }: { x: Tensor; y: Tensor }) => add(sum(x), sum(y));
      expect(() =>
        checkGradients({ f: fxy, inputs: { x, y }, analytic: { x: tensor([1, 1], ref) } }),
      ).toThrow(
        "Option 'analytic.y' of 'checkGradients' must be the gradient of f with respect to input 'y' (or list 'y' in skip); got undefined",
      );
      expect(() => checkGradients({ f, inputs: { x }, analytic: { x, z: x } as never })).toThrow(
        /Option 'analytic.z' of 'checkGradients' must be the name of an input \(one of 'x'\)/,
      );
      expect(() =>
        checkGradients({ f, inputs: { x }, analytic: { x }, skip: ["q" as "x"] }),
      ).toThrow(/Option 'skip' of 'checkGradients' must be one of 'x'; got "q"/);
      expect(() => checkGradients({ f, inputs: { x }, analytic: () => null as never })).toThrow(
        /Option 'analytic'/,
      );
    });
  });

  it("a gradient whose shape differs from its input's", () => {
    scope(() => {
      const x = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        ref,
      );
      const bad = () =>
        checkGradients({ f, inputs: { x }, analytic: { x: tensor([[1, 1, 1, 1, 1, 1]], ref) } });
      expect(bad).toThrow(ShapeError);
      expect(bad).toThrow(
        "Argument 'analytic.x' passed to 'checkGradients' must have shape [2, 3] (the shape of input 'x'); got [1, 6]",
      );
    });
  });

  it("a non-scalar f", () => {
    scope(() => {
      const x = tensor([1, 2], ref);
      const bad = () => checkGradients({ f: ({ x }) => mul(x, 2), inputs: { x }, analytic: { x } });
      expect(bad).toThrow(ShapeError);
      expect(bad).toThrow(
        /Argument 'f\(inputs\)' passed to 'checkGradients' must have shape with one element .*; got \[2\]/,
      );
      expect(() => checkGradients({ f: () => Number.NaN, inputs: { x }, analytic: { x } })).toThrow(
        /Option 'f' of 'checkGradients' must be a function with a finite value at the given inputs; got NaN/,
      );
    });
  });

  it("bad options", () => {
    scope(() => {
      const x = tensor([1, 2], ref);
      const g = { x: tensor([1, 1], ref) };
      for (const bad of [{ rtol: -1 }, { atol: Number.NaN }, { h: 0 }, { kinks: "maybe" }]) {
        expect(() => checkGradients({ f, inputs: { x }, analytic: g, ...(bad as object) })).toThrow(
          InvalidOptionError,
        );
      }
      expect(() => checkGradients({ f, inputs: {} as { x: Tensor }, analytic: g })).toThrow(
        /'inputs'/,
      );
      expect(() => checkGradients({ f, inputs: { x: [1, 2] as never }, analytic: g })).toThrow(
        /Option 'inputs.x' of 'checkGradients' must be a Tensor/,
      );
      const gone = tensor([1, 2], ref);
      gone.dispose();
      expect(() => checkGradients({ f, inputs: { x: gone }, analytic: g })).toThrow(DisposedError);
    });
  });

  it("an int32 input", () => {
    scope(() => {
      const labels = tensor([0, 1], { dtype: "int32", ...ref });
      expect(() => checkGradients({ f, inputs: { x: labels }, analytic: { x: labels } })).toThrow(
        DTypeError,
      );
    });
  });

  withWasm("a float32 tensor on the wasm backend, as input or as gradient", () => {
    const w = tensor([1, 2], { backend: "wasm" });
    const x = tensor([1, 2], ref);
    try {
      const asInput = () => checkGradients({ f, inputs: { x: w }, analytic: { x } });
      expect(asInput).toThrow(DTypeError);
      expect(asInput).toThrow(
        "Argument 'inputs.x' passed to 'checkGradients' must have dtype float64 (a float tensor on the 'reference' backend); got float32 on backend 'wasm'",
      );
      expect(() => checkGradients({ f, inputs: { x }, analytic: { x: w } })).toThrow(
        /Argument 'analytic.x' passed to 'checkGradients' must have dtype float64/,
      );
    } finally {
      w.dispose();
      x.dispose();
    }
  });
});

describe("checkGradients on smooth chains", () => {
  it("sigmoid → tanh, with a slightly wrong gradient failing as a failure, never as a kink", () => {
    scope(() => {
      const x = tensor([0.3, -0.7, 1.1, 2.5], ref);
      const f = ({ x }: { x: Tensor }) => sum(tanh(sigmoid(x)));
      const grad = (x: Tensor) => {
        const s = sigmoid(x);
        return mul(sub(1, square(tanh(s))), mul(s, sub(1, s)));
      };
      expect(checkGradients({ f, inputs: { x }, analytic: ({ x }) => ({ x: grad(x) }) }).ok).toBe(
        true,
      );
      const off = checkGradients({
        f,
        inputs: { x },
        analytic: ({ x }) => ({ x: mul(grad(x), 1 + 1e-4) }),
      });
      expect(off.ok).toBe(false);
      expect(off.tensor("x")).toMatchObject({ failed: 4, kinks: 0 });
    });
  });
});

import { DTypeError, InvalidOptionError, ShapeError } from "@backprop/errors";
import { checkBackward, checkGradients } from "@backprop/gradcheck";
import { createRng } from "@backprop/random";
import {
  add,
  matMul,
  matMulNT,
  matMulTN,
  memory,
  mul,
  scope,
  sigmoid,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import { describe, expect, it } from "vitest";
import { withWasm } from "./wasm.js";

const ref = { backend: "reference" } as const;

/** An affine layer y = x·W + b: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy. */
const affine = {
  forward: ({ x, w, b }: { x: Tensor; w: Tensor; b: Tensor }) => add(matMul(x, w), b),
  backward: ({ x, w }: { x: Tensor; w: Tensor; b: Tensor }, dy: Tensor) => ({
    x: matMulNT(dy, w),
    w: matMulTN(x, dy),
    b: sum(dy, { axis: 0 }),
  }),
};

function affineInputs() {
  return {
    x: tensor(
      [
        [0.5, -1, 2],
        [1.5, 0.25, -0.75],
      ],
      ref,
    ),
    w: tensor(
      [
        [0.1, -0.2],
        [0.3, 0.4],
        [-0.5, 0.6],
      ],
      ref,
    ),
    b: tensor([0.05, -0.05], ref),
  };
}

describe("checkBackward", () => {
  it("passes a correct layer backward and fails a wrong one, per input", () => {
    scope(() => {
      const inputs = affineInputs();
      const good = checkBackward({ inputs, ...affine, seed: 3 });
      expect(good.ok).toBe(true);
      expect(good.tensors.map((t) => [t.name, t.checked])).toEqual([
        ["x", 6],
        ["w", 6],
        ["b", 2],
      ]);
      // db forgets to sum over the batch (takes the first row only).
      const bad = checkBackward({
        inputs,
        forward: affine.forward,
        backward: (i, dy) => ({
          ...affine.backward(i, dy),
          b: sum(mul(dy, tensor([[1], [0]], ref)), { axis: 0 }),
        }),
        seed: 3,
      });
      expect(bad.failing).toEqual(["b"]);
    });
  });

  it("catches a backward that mixes up outputs, which an all-ones cotangent would hide", () => {
    scope(() => {
      // y = [x0·x1, x0 + x1]: dx0 = dy0·x1 + dy1, dx1 = dy0·x0 + dy1. The wrong backward swaps
      // dy0 and dy1 — invisible when dy = [1, 1].
      const x = tensor([0.5, 2], ref);
      const forward = ({ x }: { x: Tensor }) => {
        const x0 = sum(mul(x, tensor([1, 0], ref)), { keepDims: true });
        const x1 = sum(mul(x, tensor([0, 1], ref)), { keepDims: true });
        return add(mul(mul(x0, x1), tensor([1, 0], ref)), mul(add(x0, x1), tensor([0, 1], ref)));
      };
      const swapped = ({ x }: { x: Tensor }, dy: Tensor) => {
        const [x0, x1] = [...x.dataSync()] as [number, number];
        const [d0, d1] = [...dy.dataSync()] as [number, number];
        return { x: tensor([d1 * x1 + d0, d1 * x0 + d0], ref) };
      };
      const ones = checkGradients({
        f: (i) => sum(forward(i)),
        inputs: { x },
        analytic: (i) => swapped(i, tensor([1, 1], ref)),
      });
      expect(ones.ok).toBe(true);
      expect(checkBackward({ inputs: { x }, forward, backward: swapped, seed: 11 }).ok).toBe(false);
    });
  });

  it("draws the cotangent from the Rng or seed given: same seed, same report", () => {
    scope(() => {
      const inputs = affineInputs();
      const wrong = {
        forward: affine.forward,
        backward: (i: { x: Tensor; w: Tensor; b: Tensor }, dy: Tensor) => ({
          ...affine.backward(i, dy),
          w: mul(matMulTN(i.x, dy), 1.5),
        }),
      };
      const a = checkBackward({ inputs, ...wrong, seed: 5 });
      const b = checkBackward({ inputs, ...wrong, rng: createRng(5) });
      const c = checkBackward({ inputs, ...wrong, seed: 6 });
      const d = checkBackward({ inputs, ...wrong }); // default seed 0
      const e = checkBackward({ inputs, ...wrong, seed: 0 });
      const worst = (r: typeof a) => r.tensor("w")!.worst!.analytic;
      expect(worst(a)).toBe(worst(b));
      expect(worst(a)).not.toBe(worst(c));
      expect(worst(d)).toBe(worst(e));
      // A given Rng advances: two checks in a row use different cotangents.
      const rng = createRng(9);
      const first = checkBackward({ inputs, ...wrong, rng });
      const second = checkBackward({ inputs, ...wrong, rng });
      expect(worst(first)).not.toBe(worst(second));
    });
  });

  it("passes tolerances and skip through to checkGradients", () => {
    scope(() => {
      const inputs = affineInputs();
      const report = checkBackward({
        inputs,
        ...affine,
        skip: ["x"],
        rtol: 1e-7,
        atol: 1e-10,
        h: 1e-6,
      });
      expect(report.tensors.map((t) => t.name)).toEqual(["w", "b"]);
      expect(report.tolerances).toMatchObject({ rtol: 1e-7, atol: 1e-10, h: 1e-6 });
    });
  });

  it("leaks nothing", () => {
    const inputs = affineInputs();
    const before = memory().numTensors;
    checkBackward({ inputs, ...affine, seed: 1 });
    checkBackward({
      inputs,
      forward: ({ x }) => sigmoid(x),
      backward: ({ x }, dy) => ({ x: mul(dy, sub(1, x)) }),
      skip: ["w", "b"],
    });
    expect(memory().numTensors).toBe(before);
    for (const t of Object.values(inputs)) t.dispose();
  });

  it("rejects bad options with typed errors", () => {
    scope(() => {
      const inputs = affineInputs();
      expect(() => checkBackward({ inputs, ...affine, rng: createRng(1), seed: 1 })).toThrow(
        /Option 'seed' of 'checkBackward' must be absent when rng is given/,
      );
      expect(() =>
        checkBackward({ inputs, forward: affine.forward, backward: undefined as never }),
      ).toThrow(/Option 'backward' of 'checkBackward'/);
      expect(() =>
        checkBackward({
          inputs,
          forward: affine.forward,
          backward: (i, dy) => ({ x: affine.backward(i, dy).x }),
        }),
      ).toThrow(/Option 'analytic.w' of 'checkGradients'/);
      expect(() =>
        checkBackward({
          inputs,
          forward: affine.forward,
          backward: (i, dy) => ({ ...affine.backward(i, dy), b: sum(dy) }),
        }),
      ).toThrow(ShapeError);
      expect(() =>
        checkBackward({ inputs: {}, forward: () => tensor([1], ref), backward: () => ({}) }),
      ).toThrow(InvalidOptionError);
    });
  });

  withWasm("rejects wasm tensors, as input or as forward output", () => {
    const w = tensor([1, 2], { backend: "wasm" });
    const x = tensor([1, 2], ref);
    try {
      expect(() =>
        checkBackward({
          inputs: { x: w },
          forward: ({ x }) => x,
          backward: (_, dy) => ({ x: dy }),
        }),
      ).toThrow(/Argument 'inputs.x' passed to 'checkBackward' must have dtype float64/);
      expect(() =>
        checkBackward({ inputs: { x }, forward: () => w, backward: (_, dy) => ({ x: dy }) }),
      ).toThrow(DTypeError);
    } finally {
      w.dispose();
      x.dispose();
    }
  });
});

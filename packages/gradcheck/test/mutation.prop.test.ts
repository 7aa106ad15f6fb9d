// A checker that cannot fail is worthless: prove this one can. Three deliberately wrong backwards
// of the softmax cross-entropy of an affine map must make the gradient property fail, fast-check
// must shrink each failure to a tiny case, and the error must print the seed, the replay path,
// the shrunk case and its gradient table. The correct backward passes the same property.
import {
  assertProperty,
  checkGradients,
  PropertyFailedError,
  type PropertyResult,
  runProperty,
} from "@backprop/gradcheck";
import { scope } from "@backprop/tensor-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AffineCase,
  affineBackward,
  affineCaseArb,
  affineInputs,
  affineLoss,
  type Mutant,
} from "./support.js";

const SEED = 1337;
fc.configureGlobal({ seed: SEED, numRuns: 100 });

/** The gradient property: the backward under test agrees with central differences. */
function gradientProperty(mutant: Mutant) {
  return (k: AffineCase) =>
    scope(() => {
      const { labels, inputs } = affineInputs(k);
      return checkGradients({
        f: affineLoss(labels, k.c),
        inputs,
        analytic: affineBackward(labels, k.c, mutant),
      });
    });
}

/** assertProperty's failure, caught. */
function failureOf(mutant: Mutant): PropertyFailedError<AffineCase> {
  try {
    assertProperty(affineCaseArb, gradientProperty(mutant));
  } catch (e) {
    if (PropertyFailedError.isInstance(e)) return e as PropertyFailedError<AffineCase>;
    throw e;
  }
  throw new Error(`the ${mutant} backward passed the gradient property`);
}

describe("mutation test: the gradient property catches broken backwards", () => {
  it("the correct backward passes 100 random cases (seed from fc.configureGlobal)", () => {
    const result = assertProperty(affineCaseArb, gradientProperty("correct"));
    expect(result).toMatchObject({ failed: false, seed: SEED, numRuns: 100, counterexample: null });
  });

  const cases: ReadonlyArray<{
    mutant: Mutant;
    input: "x" | "w" | "b";
    shrunk: (k: AffineCase) => void;
  }> = [
    {
      // dlogits = softmax/N: wrong for every input, visible at the smallest case there is.
      mutant: "missing-term",
      input: "b",
      shrunk: (k) =>
        expect(k).toEqual({ n: 1, d: 1, c: 2, x: [0], w: [0, 0], b: [0, 0], labels: [0] }),
    },
    {
      // reshape(dlogitsᵀ·x) equals the transpose when d or c is 1, so the smallest failing case
      // needs d = c = 2 — and one non-zero x to make dW non-zero.
      mutant: "transposed",
      input: "w",
      shrunk: (k) => {
        expect([k.n, k.d, k.c]).toEqual([1, 2, 2]);
        expect(k.x.filter((v) => v !== 0)).toHaveLength(1);
      },
    },
    {
      // 2·dW is wrong wherever dW ≠ 0: one sample, one feature (non-zero), two classes.
      mutant: "factor-2",
      input: "w",
      shrunk: (k) => {
        expect([k.n, k.d, k.c]).toEqual([1, 1, 2]);
        expect(k.x).toHaveLength(1);
        expect(k.x[0]).not.toBe(0);
      },
    },
  ];

  for (const { mutant, input, shrunk } of cases) {
    it(`a backward with a ${mutant} bug fails, shrinks to a tiny case and prints it`, () => {
      const error = failureOf(mutant);
      const result: PropertyResult<AffineCase> = error.result;
      expect(result.failed).toBe(true);
      expect(result.seed).toBe(SEED);
      expect(result.numShrinks).toBeGreaterThan(0);

      // Shrunk: every dimension at most 2, values simple (0 or a multiple of 0.5).
      const k = result.counterexample!;
      expect(Math.max(k.n, k.d, k.c)).toBeLessThanOrEqual(2);
      for (const v of [...k.x, ...k.w, ...k.b]) expect(Number.isInteger(v * 2)).toBe(true);
      shrunk(k);

      // The gradient report of the shrunk case names the input the mutant breaks.
      expect(result.report).not.toBeNull();
      expect(result.report!.failing).toContain(input);

      // The message: seed, replay path, shrunk case (shapes and values), the gradient table.
      expect(error.message).toContain(`seed: ${SEED}, path: ${JSON.stringify(result.path)}`);
      expect(error.message).toContain(`shrunk counterexample: ${fc.stringify(k)}`);
      expect(error.message).toContain(`"n":${k.n},"d":${k.d},"c":${k.c}`);
      expect(error.message).toContain(`gradient check FAILED for`);
      expect(error.message).toContain(result.report!.format());

      // The printed seed and path replay the shrunk case directly.
      const replay = runProperty(affineCaseArb, gradientProperty(mutant), {
        seed: result.seed,
        path: result.path!,
      });
      expect(replay.failed).toBe(true);
      expect(replay.counterexample).toEqual(k);
    });
  }
});

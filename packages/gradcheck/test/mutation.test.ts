import {
  assertGradients,
  assertProperty,
  checkGradients,
  PropertyFailure,
  type PropertyResult,
  runProperty,
} from "@backprop/gradcheck";
import { describe, expect, it } from "vitest";
import {
  type AffineCase,
  affineBackward,
  affineCaseArb,
  affineInputs,
  affineLoss,
  type Mutant,
} from "./support.js";

// A checker that cannot fail is worthless: each deliberately wrong backward must make the
// gradient property fail, and fast-check must shrink the failure to a tiny case.
const SEED = 1337;

function gradientProperty(mutant: Mutant) {
  return (k: AffineCase) => {
    const { labels, inputs } = affineInputs(k);
    assertGradients(
      checkGradients({
        f: affineLoss(labels, k.c),
        inputs,
        analytic: affineBackward(labels, k.c, mutant),
      }),
    );
  };
}

function run(mutant: Mutant): PropertyResult<AffineCase> {
  return runProperty(affineCaseArb, gradientProperty(mutant), { seed: SEED, numRuns: 100 });
}

describe("mutation test: the gradient property catches broken backwards", () => {
  it("the correct backward passes", () => {
    expect(run("correct").failed).toBe(false);
  });

  const cases: Array<[Mutant, (k: AffineCase) => void]> = [
    // Forgetting the one-hot: wrong for every input, already at the smallest shapes.
    ["missing-term", (k) => expect(Math.max(k.n, k.d, k.c)).toBeLessThanOrEqual(2)],
    // A reshape of (dzᵀ·x) equals the transpose only when D or C is 1: needs D = C = 2 at least.
    ["transposed", (k) => expect([k.n, k.d, k.c]).toEqual([1, 2, 2])],
    // Doubling dW is invisible where dW is 0, so the case keeps a non-zero x; still every dim ≤ 2.
    ["factor-2", (k) => expect(Math.max(k.n, k.d, k.c)).toBeLessThanOrEqual(2)],
  ];
  for (const [mutant, isSmall] of cases) {
    it(`a backward with a ${mutant} bug fails and shrinks to a tiny case`, () => {
      const result = run(mutant);
      expect(result.failed).toBe(true);
      expect(result.counterexample).not.toBeNull();
      const k = result.counterexample!;
      expect(k.c).toBe(2);
      isSmall(k);
      expect(result.numShrinks).toBeGreaterThanOrEqual(0);
      const failure = new PropertyFailure(result);
      expect(failure.message).toContain(`seed: ${SEED}`);
      expect(failure.message).toContain("shrunk counterexample:");
      expect(failure.message).toContain(`"n":${k.n}`);
      expect(failure.message).toContain("gradient check FAIL");
    });
  }

  it("assertProperty throws the failure with the seed and the shrunk case", () => {
    expect(() =>
      assertProperty(affineCaseArb, gradientProperty("factor-2"), { seed: SEED, numRuns: 50 }),
    ).toThrow(/seed: 1337[\s\S]*shrunk counterexample/);
  });
});

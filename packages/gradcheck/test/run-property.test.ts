import { BackpropError, InvalidOptionError } from "@backprop/errors";
import {
  assertProperty,
  checkGradients,
  GradCheckReport,
  PropertyFailedError,
  runProperty,
  type TensorData,
  tensorDataArb,
} from "@backprop/gradcheck";
import { memory, mul, scope, sum, tensor } from "@backprop/tensor-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const ref = { backend: "reference" } as const;

/** Σx² with gradient `factor`·x (2 is right). */
function squares(factor: number) {
  return (d: TensorData) =>
    scope(() => {
      const x = tensor(d.values, { shape: d.shape, ...ref });
      return checkGradients({
        f: ({ x }) => sum(mul(x, x)),
        inputs: { x },
        analytic: ({ x }) => ({ x: mul(x, factor) }),
      });
    });
}

describe("runProperty", () => {
  it("passes when the predicate returns a passing report, true or nothing", () => {
    const arb = tensorDataArb();
    const report = runProperty(arb, squares(2), { seed: 1, numRuns: 25 });
    expect(report).toMatchObject({
      failed: false,
      seed: 1,
      numRuns: 25,
      counterexample: null,
      path: null,
      error: null,
      report: null,
    });
    expect(runProperty(arb, () => true, { numRuns: 5 }).failed).toBe(false);
    expect(runProperty(arb, () => undefined, { numRuns: 5 }).failed).toBe(false);
  });

  it("fails on a failing report and keeps the shrunk case's report", () => {
    const result = runProperty(tensorDataArb(), squares(3), { seed: 7, numRuns: 50 });
    expect(result.failed).toBe(true);
    expect(result.counterexample).toEqual({ shape: [1], values: [0.5] });
    expect(result.report).toBeInstanceOf(GradCheckReport);
    expect(result.report!.tensor("x")!.worst).toMatchObject({ analytic: 1.5, index: [0] });
    expect(result.report!.tensor("x")!.worst!.numerical).toBeCloseTo(1, 9);
    expect(result.details.counterexample).toEqual([result.counterexample]);
    expect(result.numShrinks).toBeGreaterThan(0);
  });

  it("fails on false and on any throw, with a readable cause", () => {
    const f = runProperty(fc.integer({ min: 0, max: 100 }), (n) => n < 10, { seed: 2 });
    expect(f).toMatchObject({ failed: true, counterexample: 10, report: null });
    expect((f.error as Error).message).toBe("Property failed by returning false");
    const t = runProperty(fc.integer(), () => {
      throw new RangeError("nope");
    });
    expect(t.failed).toBe(true);
    expect(t.error).toBeInstanceOf(RangeError);
  });

  it("replays a failure from its seed and path", () => {
    const first = runProperty(tensorDataArb(), squares(2.5), { seed: 99, numRuns: 50 });
    const replay = runProperty(tensorDataArb(), squares(2.5), {
      seed: first.seed,
      path: first.path!,
    });
    expect(replay.failed).toBe(true);
    expect(replay.counterexample).toEqual(first.counterexample);
  });

  it("uses fc.configureGlobal's seed and numRuns when none are given", () => {
    const before = fc.readConfigureGlobal();
    try {
      fc.configureGlobal({ seed: 4242, numRuns: 7 });
      const result = runProperty(fc.nat(), () => true);
      expect(result.seed).toBe(4242);
      expect(result.numRuns).toBe(7);
    } finally {
      fc.resetConfigureGlobal();
      fc.configureGlobal(before);
    }
  });

  it("rejects asynchronous predicates and non-functions", () => {
    const r = runProperty(fc.nat(), (() => Promise.resolve(true)) as never, { numRuns: 1 });
    expect(r.failed).toBe(true);
    expect(InvalidOptionError.isInstance(r.error)).toBe(true);
    expect(() => runProperty(fc.nat(), "x" as never)).toThrow(
      /Option 'predicate' of 'runProperty'/,
    );
  });

  it("runs each case inside scope(): tensors the predicate creates are disposed", () => {
    const before = memory().numTensors;
    const result = runProperty(
      tensorDataArb(),
      (d) => {
        const x = tensor(d.values, { shape: d.shape, ...ref });
        return sum(mul(x, x)).item() >= 0 && x.size < 30;
      },
      { seed: 12, numRuns: 50 },
    );
    expect(result.failed).toBe(true); // and shrunk, running the predicate many more times
    expect(result.numShrinks).toBeGreaterThan(0);
    expect(memory().numTensors).toBe(before);
  });
});

describe("assertProperty", () => {
  it("returns the outcome when the property holds", () => {
    const result = assertProperty(tensorDataArb(), squares(2), { seed: 5, numRuns: 10 });
    expect(result).toMatchObject({ failed: false, numRuns: 10 });
  });

  it("throws a PropertyFailedError with the seed, path, shrunk case and gradient table", () => {
    let thrown: unknown;
    try {
      assertProperty(tensorDataArb(), squares(3), { seed: 7, numRuns: 50 });
    } catch (e) {
      thrown = e;
    }
    expect(PropertyFailedError.isInstance(thrown)).toBe(true);
    expect(BackpropError.isInstance(thrown)).toBe(true);
    const error = thrown as PropertyFailedError<TensorData>;
    expect(error.name).toBe("PropertyFailedError");
    expect(error.code).toBe("BACKPROP_PROPERTY");
    const lines = error.message.split("\n");
    expect(lines[0]).toMatch(/^Property failed after \d+ run\(s\) and \d+ shrink\(s\)$/);
    expect(lines[1]).toBe(
      `seed: 7, path: "${error.result.path}" (replay with { seed: 7, path: "${error.result.path}" })`,
    );
    expect(lines[2]).toBe('shrunk counterexample: {"shape":[1],"values":[0.5]}');
    expect(lines[3]).toBe("Analytic and numerical gradients disagree for 'x' (1 of 1 elements)");
    expect(error.message).toContain(error.result.report!.format());
    expect(error.cause).toBe(error.result.error);
  });
});

// The gradient-checking guide's "in your own tests" example (docs/guide/gradient-checking.md
// includes this file): a layer's backward as a property over random tensors, with one
// replayable seed for the file — and the same property must fail for a broken backward.
import { assertProperty, checkBackward, runProperty, tensorDataArb } from "@backprop/gradcheck";
import { exp, log1p, mul, sigmoid, type Tensor, tensor } from "@backprop/tensor-core";
import { describe, expect, it } from "vitest";

const softplus = (x: Tensor) => log1p(exp(x));

const property =
  (backward: (x: Tensor, dy: Tensor) => Tensor) =>
  (data: { shape: readonly number[]; values: readonly number[] }) =>
    checkBackward({
      inputs: { x: tensor([...data.values], { shape: [...data.shape], backend: "reference" }) },
      forward: ({ x }) => softplus(x),
      backward: ({ x }, dy) => ({ x: backward(x, dy) }),
      seed: 1,
    });

describe("softplus", () => {
  it("backward agrees with central differences on 200 random tensors", () => {
    // Throws a PropertyFailedError (seed, replay path, shrunk case, gradient table) on failure.
    assertProperty(
      tensorDataArb(),
      property((x, dy) => mul(dy, sigmoid(x))),
      {
        seed: 2024,
        numRuns: 200,
      },
    );
  });

  it("a backward that reads the output instead of the input fails, and shrinks to [0]", () => {
    const broken = property((x, dy) => mul(dy, sigmoid(softplus(x))));
    const result = runProperty(tensorDataArb(), broken, { seed: 2024, numRuns: 200 });
    expect(result.failed).toBe(true);
    expect(result.counterexample).toEqual({ shape: [1], values: [0] });
    expect(result.report?.failing).toEqual(["x"]);
  });
});

import { checkBackward, runProperty, tensorDataArb } from "@backprop/gradcheck";
import { exp, log1p, mul, sigmoid, type Tensor, tensor } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/** softplus(x) = log(1 + eˣ); its derivative is sigmoid(x). */
const softplus = (x: Tensor) => log1p(exp(x));

/** The correct backward: dx = dy · sigmoid(x), from the layer's input. */
const backward = (x: Tensor, dy: Tensor) => mul(dy, sigmoid(x));

/** A classic bug: the backward reads the cached *output* y = softplus(x) instead of x. */
const brokenBackward = (x: Tensor, dy: Tensor) => mul(dy, sigmoid(softplus(x)));

/** The gradient property: for any small tensor x, `backward` agrees with central differences. */
function property(backwardUnderTest: (x: Tensor, dy: Tensor) => Tensor) {
  return (data: { shape: readonly number[]; values: readonly number[] }) =>
    checkBackward({
      inputs: { x: tensor([...data.values], { shape: [...data.shape], backend: "reference" }) },
      forward: ({ x }) => softplus(x),
      backward: ({ x }, dy) => ({ x: backwardUnderTest(x, dy) }),
      seed: 1, // the random cotangent dy
    });
}

/** Runs the property on the broken and on the correct backward (fast-check, seeded). */
export async function run(out: ExampleOutput, seed = 42): Promise<boolean> {
  const broken = runProperty(tensorDataArb(), property(brokenBackward), { seed, numRuns: 100 });
  out.log(
    `broken backward: ${broken.failed ? "FAILED" : "passed"} after ${broken.numRuns} case(s)`,
  );
  out.log(`seed ${broken.seed}, replay path ${broken.path}, ${broken.numShrinks} shrink steps`);
  out.log(`shrunk counterexample: ${JSON.stringify(broken.counterexample)}`);
  for (const line of broken.report?.format().split("\n") ?? []) out.log(line);

  const fixed = runProperty(tensorDataArb(), property(backward), { seed, numRuns: 100 });
  out.log(`correct backward: ${fixed.failed ? "FAILED" : "passed"} ${fixed.numRuns} cases`);
  return broken.failed && !fixed.failed;
}

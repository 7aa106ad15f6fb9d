import { checkGradients } from "@backprop/gradcheck";
import { multiLayerNet } from "@backprop/layers";
import { createRng } from "@backprop/random";
import { type Tensor, tensor } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/**
 * Checks a whole network's backprop gradient (every layer's hand-written backward) against
 * central differences, on the float64 reference backend.
 */
export async function run(out: ExampleOutput, seed = 7): Promise<boolean> {
  const rng = createRng(seed);
  const backend = "reference" as const; // gradient checks run in float64
  // A small version of the book's TwoLayerNet: 6 inputs, 5 sigmoid units, 3 classes.
  const net = multiLayerNet({
    inputSize: 6,
    hiddenSizes: [5],
    outputSize: 3,
    activation: "sigmoid",
    weightInit: "xavier",
    rng,
    backend,
  });
  const x = tensor(
    Array.from({ length: 4 }, () => Array.from({ length: 6 }, () => rng.normal())),
    { backend },
  );
  const t = tensor([0, 2, 1, 2], { dtype: "int32", backend });

  // checkGradients perturbs each named input; here the inputs are the net's parameters.
  const original = new Map(net.params);
  const use = (params: Readonly<Record<string, Tensor>>) => {
    for (const [name, value] of Object.entries(params)) net.params.set(name, value);
  };
  const report = checkGradients({
    inputs: Object.fromEntries(original),
    f: (params) => {
      use(params);
      return net.loss(x, t, { training: true }); // the loss, for the numerical gradient
    },
    analytic: (params) => {
      use(params);
      return Object.fromEntries(net.gradient(x, t)); // forward + backward of every layer
    },
  });
  for (const [name, value] of original) net.params.set(name, value);

  for (const line of report.format().split("\n")) out.log(line);
  net.dispose();
  x.dispose();
  t.dispose();
  return report.ok;
}

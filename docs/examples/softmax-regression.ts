import { softmaxRegression } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/** The lecture: a 3-feature softmax model, then MNIST softmax regression 784-10 (2 epochs here). */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const result = await softmaxRegression.run({ seed: 0, settings: { epochs: 2 } });
  return showResult(out, result);
}

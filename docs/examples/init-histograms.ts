import { initHistograms } from "@backprop/experiments";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * Chapter 6: 1 000 random inputs through 5 layers of 100 units; histograms of every layer's
 * activations for sigmoid, tanh and ReLU under each initial weight scale.
 */
export async function run(out: ExampleOutput, seed = 0): Promise<boolean> {
  const result = await initHistograms.run({ seed });
  return showResult(out, result);
}

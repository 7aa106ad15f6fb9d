import { optimizersMnist } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * Chapter 6: the four optimizers train the same 784-100-100-100-100-10 ReLU net on the same
 * batches — 100 iterations here (quick: 1 000, `full: true`: the book's 2 000).
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const result = await optimizersMnist.run({ seed: 0, settings: { iterations: 100 } });
  return showResult(out, result);
}

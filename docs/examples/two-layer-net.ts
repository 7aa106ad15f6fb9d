import { twoLayerNet } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * Chapter 4's TwoLayerNet: 784-50-10 sigmoid, SGD lr 0.1, batches of 100 drawn with replacement
 * (the book's loop) — 600 iterations here, 10 000 with `full: true`.
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const result = await twoLayerNet.run({ seed: 0, settings: { iterations: 600 } });
  return showResult(out, result);
}

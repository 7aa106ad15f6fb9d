import { weightDecay } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * Chapter 6: 300 training digits, 784-[100]×6-10 — with and without weight decay λ = 0.1.
 * 40 epochs and a 500-digit test sample here (quick and `full: true`: the book's 200 epochs).
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const result = await weightDecay.run({ seed: 0, settings: { epochs: 40, testSample: 500 } });
  return showResult(out, result);
}

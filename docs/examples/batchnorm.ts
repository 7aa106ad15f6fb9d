import { batchnormGrid } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * Chapter 6: 784-[100]×5-10 with and without BatchNorm at several initial weight scales — 4
 * scales, 5 epochs and 500 rows here; `full: true` is the book's 16 scales, 20 epochs, 1 000 rows.
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const result = await batchnormGrid.run({
    seed: 0,
    settings: { scales: 4, epochs: 5, trainSize: 500 },
  });
  return showResult(out, result);
}

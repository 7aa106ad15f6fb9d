import { batchnormExercise } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * The lecture's BatchNorm exercise: Linear → BatchNorm → ReLU → Dropout(0.3), Xavier, Adam,
 * scored in eval mode, with one random test digit — 2 epochs and two widths here (the quick
 * settings: 5 epochs, 100-100, 50-50, 200-150 and 300-300).
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const result = await batchnormExercise.run({
    seed: 0,
    settings: {
      epochs: 2,
      sizes: [
        [100, 100], // the exercise's (the first size is always the one shown and claimed)
        [200, 150],
      ],
    },
  });
  return showResult(out, result);
}

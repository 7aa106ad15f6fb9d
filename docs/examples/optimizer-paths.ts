import { optimizers2d } from "@backprop/experiments";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * Chapter 6: SGD, Momentum, AdaGrad and Adam on f(x, y) = x²/20 + y² from (−7, 2), 30 steps
 * each — the real optimizers of @backprop/optimizers stepping two float64 scalars.
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  const result = await optimizers2d.run();
  return showResult(out, result);
}

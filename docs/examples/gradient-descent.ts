import { gradientDescent } from "@backprop/experiments";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/** Chapter 4: gradient descent on f(x0, x1) = x0² + x1² with a numerical gradient. */
export async function run(out: ExampleOutput): Promise<boolean> {
  const result = await gradientDescent.run({ seed: 0 });
  return showResult(out, result);
}

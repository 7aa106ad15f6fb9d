import { xor } from "@backprop/experiments";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/** The lecture: perceptrons on AND, OR and XOR; 2-2-1 and 2-10-10-10-1 sigmoid MLPs on XOR. */
export async function run(out: ExampleOutput): Promise<boolean> {
  const result = await xor.run({ seed: 0 });
  return showResult(out, result);
}

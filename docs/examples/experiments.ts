import { EXPERIMENTS } from "@backprop/experiments";
import type { ExampleOutput } from "./output.js";

/** Every experiment of the source notes, by name: what `backprop reproduce <name>` runs. */
export async function run(out: ExampleOutput): Promise<number> {
  for (const experiment of Object.values(EXPERIMENTS))
    out.log(`${experiment.name.padEnd(20)} ${experiment.title}`);
  return Object.keys(EXPERIMENTS).length;
}

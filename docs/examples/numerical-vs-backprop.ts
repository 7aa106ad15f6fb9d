import { gradientCheck } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";
import { showResult } from "./show-result.js";

/**
 * Chapter 4's gradient check: the book's TwoLayerNet (784-50-10) on float64, its numerical
 * gradient against backprop on 3 digits — 50 entries per parameter here (`full: true`: all 39 760).
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const result = await gradientCheck.run({ seed: 0, settings: { entriesPerParameter: 50 } });
  showResult(out, result);
  return result.claims[0]!.holds; // agreement (the other claim is about speed)
}

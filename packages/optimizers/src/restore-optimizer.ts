import { InvalidOptionError } from "@backprop/errors";
import { type AnyOptimizerOptions, createOptimizer } from "./create-optimizer.js";
import type { Optimizer, OptimizerState } from "./types.js";

/**
 * A new optimizer rebuilt from a saved `state()` alone — its kind, hyperparameters (clipping
 * included), learning rate, step count and slots — that continues bit-identically. A checkpoint
 * needs nothing else to bring its optimizer back.
 *
 * @example
 * ```ts
 * import { adam, restoreOptimizer } from "@backprop/optimizers";
 * const saved = adam({ lr: 0.01, beta1: 0.8, clipNorm: 5 }).state();
 * const again = restoreOptimizer(saved);
 * console.log(again.type, again.lr, again.state().hyper.beta1); // adam 0.01 0.8
 * ```
 */
export function restoreOptimizer(state: OptimizerState): Optimizer {
  if (typeof state !== "object" || state === null || typeof state.type !== "string") {
    throw new InvalidOptionError({
      op: "restoreOptimizer",
      option: "state",
      value: state,
      expected: "an optimizer state from optimizer.state()",
    });
  }
  const options: Record<string, number | string | boolean> = { lr: state.lr };
  for (const [key, value] of Object.entries(state.hyper ?? {}))
    if (value !== null) options[key] = value;
  const optimizer = createOptimizer(state.type, options as AnyOptimizerOptions);
  optimizer.loadState(state);
  return optimizer;
}

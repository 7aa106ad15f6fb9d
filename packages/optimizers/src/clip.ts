import { InvalidOptionError } from "@backprop/errors";
import { clip, mul, scope, square, sum, type Tensor } from "@backprop/tensor-core";
import type { GradMap } from "./types.js";

/**
 * Rescales all gradients together so that their global L2 norm is at most `maxNorm` (PyTorch's
 * `clip_grad_norm_`, Keras's `global_clipnorm`). Returns the new gradients and the norm before
 * clipping; the input map is left as it is.
 *
 * @example
 * ```ts
 * import { clipByGlobalNorm } from "@backprop/optimizers";
 * import { tensor } from "@backprop/tensor-core";
 * const { grads, norm } = clipByGlobalNorm(new Map([["w", tensor([3, 4])]]), 1);
 * console.log(norm, grads.get("w")!.arraySync()); // 5 [ 0.599999880000024, 0.799999840000032 ]
 * ```
 */
export function clipByGlobalNorm(
  grads: GradMap,
  maxNorm: number,
): { grads: Map<string, Tensor>; norm: number } {
  checkPositive("clipByGlobalNorm", "maxNorm", maxNorm);
  const norm = globalNorm(grads);
  const factor = norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
  const out = new Map<string, Tensor>();
  for (const [name, g] of grads) out.set(name, mul(g, factor));
  return { grads: out, norm };
}

/**
 * Clamps every gradient element into `[−maxValue, maxValue]` (Keras's `clipvalue`, PyTorch's
 * `clip_grad_value_`). Returns new gradients.
 *
 * @example
 * ```ts
 * import { clipByValue } from "@backprop/optimizers";
 * import { tensor } from "@backprop/tensor-core";
 * console.log(clipByValue(new Map([["w", tensor([-3, 0.5])]]), 1).get("w")!.arraySync()); // [ -1, 0.5 ]
 * ```
 */
export function clipByValue(grads: GradMap, maxValue: number): Map<string, Tensor> {
  checkPositive("clipByValue", "maxValue", maxValue);
  const out = new Map<string, Tensor>();
  for (const [name, g] of grads) out.set(name, clip(g, { min: -maxValue, max: maxValue }));
  return out;
}

/**
 * The global L2 norm of a set of gradients: √(Σ over all tensors of Σ g²).
 *
 * @example
 * ```ts
 * import { globalNorm } from "@backprop/optimizers";
 * import { tensor } from "@backprop/tensor-core";
 * console.log(globalNorm(new Map([["a", tensor([3])], ["b", tensor([4])]]))); // 5
 * ```
 */
export function globalNorm(grads: GradMap): number {
  let total = 0;
  for (const g of grads.values()) total += scope(() => sum(square(g)).item());
  return Math.sqrt(total);
}

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(op: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError({ op, option, value, expected: "a finite number > 0" });
  }
  return value;
}

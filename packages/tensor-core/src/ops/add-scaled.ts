import { InvalidOptionError } from "@backprop/errors";
import { scope } from "../scope.js";
import { Tensor } from "../tensor.js";
import { checkSameShapeFloats } from "../validate.js";
import { add, mul } from "./arithmetic.js";

/**
 * `a + alpha·b` for two float tensors of the same shape — the update `w − η·g` of SGD
 * (`addScaled(w, g, -lr)`) or a running average — as PyTorch's `torch.add(a, b, alpha=…)`. The
 * values of `add(a, mul(b, alpha))` bit for bit; on wasm one SIMD kernel instead of two.
 *
 * @example
 * ```ts
 * import { addScaled, tensor } from "@backprop/tensor-core";
 * console.log(addScaled(tensor([1, 2]), tensor([10, 10]), -0.1).arraySync()); // [ 0, 1 ]
 * ```
 */
export function addScaled(a: Tensor, b: Tensor, alpha: number): Tensor {
  const op = "addScaled";
  checkSameShapeFloats(op, ["a", a], ["b", b]);
  if (typeof alpha !== "number" || !Number.isFinite(alpha)) {
    throw new InvalidOptionError({
      op,
      option: "alpha",
      value: alpha,
      expected: "a finite number",
    });
  }
  const fused = a.owner.addScaled;
  if (fused === undefined) return scope(() => add(a, mul(b, alpha)));
  return new Tensor(a.owner, fused(a, b, alpha), a.shape, a.dtype);
}

import { scope } from "../scope.js";
import { Tensor } from "../tensor.js";
import { checkSameShapeFloats } from "../validate.js";
import { mul } from "./arithmetic.js";
import { step } from "./unary.js";

/**
 * The ReLU's input gradient `dy·[x > 0]` (0 where `x ≤ 0`, NaN where `x` is NaN) for `dy` and `x` of
 * one shape; `x` may be the ReLU's input or its output (both give the same mask). The values of
 * `mul(dy, step(x))` bit for bit; on wasm one SIMD kernel instead of two.
 *
 * @example
 * ```ts
 * import { reluBackward, tensor } from "@backprop/tensor-core";
 * console.log(reluBackward(tensor([5, 5, 5]), tensor([-1, 0, 2])).arraySync()); // [ 0, 0, 5 ]
 * ```
 */
export function reluBackward(dy: Tensor, x: Tensor): Tensor {
  const op = "reluBackward";
  checkSameShapeFloats(op, ["dy", dy], ["x", x]);
  const fused = dy.owner.reluBackward;
  if (fused === undefined) return scope(() => mul(dy, step(x)));
  return new Tensor(dy.owner, fused(dy, x), dy.shape, dy.dtype);
}

import { ShapeError } from "@backprop/errors";
import { formatShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { checkFloat, checkSameBackend, checkTensor } from "../validate.js";

function product(
  op: string,
  a: Tensor,
  b: Tensor,
  transposeA: boolean,
  transposeB: boolean,
): Tensor {
  checkTensor(op, "a", a);
  checkTensor(op, "b", b);
  checkSameBackend(op, [
    ["a", a],
    ["b", b],
  ]);
  checkFloat(op, "a", a);
  checkFloat(op, "b", b);
  if (a.rank !== 2)
    throw new ShapeError({
      op,
      argument: "a",
      expected: "a matrix [rows, cols]",
      actual: [...a.shape],
    });
  if (b.rank !== 2)
    throw new ShapeError({
      op,
      argument: "b",
      expected: "a matrix [rows, cols]",
      actual: [...b.shape],
    });
  const [a0, a1] = a.shape as [number, number];
  const [b0, b1] = b.shape as [number, number];
  const m = transposeA ? a1 : a0;
  const k = transposeA ? a0 : a1;
  const kb = transposeB ? b1 : b0;
  const n = transposeB ? b0 : b1;
  if (k !== kb) {
    const expected = transposeB ? `[*, ${k}]` : `[${k}, *]`;
    throw new ShapeError({
      op,
      argument: "b",
      expected,
      actual: [...b.shape],
      detail: `The inner dimensions of ${op} must agree (a is ${formatShape(a.shape)})`,
    });
  }
  return new Tensor(a.owner, a.owner.matMul(a, b, transposeA, transposeB), [m, n], a.dtype);
}

/**
 * Matrix product `a·b` of `[m, k]` and `[k, n]` matrices.
 *
 * @example
 * ```ts
 * import { matMul, tensor } from "@backprop/tensor-core";
 * console.log(matMul(tensor([[1, 2]]), tensor([[3], [4]])).arraySync()); // [ [ 11 ] ]
 * ```
 */
export function matMul(a: Tensor, b: Tensor): Tensor {
  return product("matMul", a, b, false, false);
}

/**
 * `aᵀ·b` for `a: [k, m]`, `b: [k, n]` — the weight gradient `xᵀ·dy` of a dense layer. Each
 * backend computes it in its fastest form (on wasm: backprop's SIMD kernel, reading `a` by strides).
 *
 * @example
 * ```ts
 * import { matMulTN, tensor } from "@backprop/tensor-core";
 * const x = tensor([[1, 2], [3, 4]]);
 * const dy = tensor([[1], [1]]);
 * console.log(matMulTN(x, dy).arraySync()); // [ [ 4 ], [ 6 ] ]
 * ```
 */
export function matMulTN(a: Tensor, b: Tensor): Tensor {
  return product("matMulTN", a, b, true, false);
}

/**
 * `a·bᵀ` for `a: [m, k]`, `b: [n, k]` — the input gradient `dy·Wᵀ` of a dense layer.
 *
 * @example
 * ```ts
 * import { matMulNT, tensor } from "@backprop/tensor-core";
 * const dy = tensor([[1, 1]]);
 * const w = tensor([[1, 2], [3, 4]]);
 * console.log(matMulNT(dy, w).arraySync()); // [ [ 3, 7 ] ]
 * ```
 */
export function matMulNT(a: Tensor, b: Tensor): Tensor {
  return product("matMulNT", a, b, false, true);
}

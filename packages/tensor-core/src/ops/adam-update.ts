import { InvalidOptionError } from "@backprop/errors";
import { scope } from "../scope.js";
import { Tensor } from "../tensor.js";
import { checkSameShapeFloats } from "../validate.js";
import { add, div, mul, sub } from "./arithmetic.js";
import { sqrt, square } from "./unary.js";

/**
 * Options of {@link adamUpdate}; the bias corrections are folded into `stepSize` and
 * `denominatorScale`.
 *
 * @example
 * ```ts
 * import type { AdamUpdateOptions } from "@backprop/tensor-core";
 * const t = 3; // PyTorch's placement of ε at step t, learning rate 1e-3
 * const o: AdamUpdateOptions = { beta1: 0.9, beta2: 0.999, stepSize: 1e-3 / (1 - 0.9 ** t), denominatorScale: Math.sqrt(1 - 0.999 ** t), eps: 1e-8 };
 * console.log(o.stepSize.toFixed(6)); // 0.003690
 * ```
 */
export interface AdamUpdateOptions {
  readonly beta1: number;
  readonly beta2: number;
  /** What multiplies m′ in the move: η/(1 − β₁ᵗ) (PyTorch's placement of ε) or η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) (the book's). */
  readonly stepSize: number;
  /** √(1 − β₂ᵗ), dividing √v′ before ε is added (PyTorch); omitted, ε is added to √v′ itself (the book, Keras). */
  readonly denominatorScale?: number;
  readonly eps: number;
}

/**
 * The new parameter and moments from {@link adamUpdate}.
 *
 * @example
 * ```ts
 * import { adamUpdate, tensor } from "@backprop/tensor-core";
 * const r = adamUpdate(tensor([1]), tensor([1]), tensor([0]), tensor([0]), { beta1: 0.9, beta2: 0.999, stepSize: 1, eps: 1e-8 });
 * console.log(Object.keys(r)); // [ 'param', 'm', 'v' ]
 * ```
 */
export interface AdamUpdateResult {
  readonly param: Tensor;
  readonly m: Tensor;
  readonly v: Tensor;
}

const NUMBERS = ["beta1", "beta2", "stepSize", "eps"] as const;

/**
 * One Adam step for one parameter tensor: `m′ = β₁·m + (1 − β₁)·g`, `v′ = β₂·v + (1 − β₂)·g²`,
 * `w′ = w − stepSize·m′ / (√v′ / denominatorScale + ε)` (or `/ (√v′ + ε)` without
 * `denominatorScale`). Bit for bit the values of those composed ops; on wasm one fused kernel
 * instead of about eleven.
 *
 * @example
 * ```ts
 * import { adamUpdate, tensor } from "@backprop/tensor-core";
 * const r = adamUpdate(tensor([1]), tensor([2]), tensor([0]), tensor([0]), {
 *   beta1: 0.9, beta2: 0.999, stepSize: 0.1 / (1 - 0.9), denominatorScale: Math.sqrt(1 - 0.999), eps: 1e-8,
 * });
 * console.log(r.param.arraySync()[0]!.toFixed(6), r.m.arraySync(), r.v.arraySync()); // 0.900000 [ 0.19999999999999996 ] [ 0.0040000000000000036 ]
 * ```
 */
export function adamUpdate(
  param: Tensor,
  grad: Tensor,
  m: Tensor,
  v: Tensor,
  options: AdamUpdateOptions,
): AdamUpdateResult {
  const op = "adamUpdate";
  checkSameShapeFloats(op, ["param", param], ["grad", grad], ["m", m], ["v", v]);
  for (const key of NUMBERS) {
    const value = options[key];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InvalidOptionError({ op, option: key, value, expected: "a finite number" });
    }
  }
  const c = options.denominatorScale;
  if (c !== undefined && !(typeof c === "number" && c > 0 && Number.isFinite(c))) {
    throw new InvalidOptionError({
      op,
      option: "denominatorScale",
      value: c,
      expected: "a finite number > 0",
    });
  }
  const fused = param.owner.adamUpdate;
  if (fused !== undefined) {
    const [p, m2, v2] = fused(param, grad, m, v, options).map(
      (h) => new Tensor(param.owner, h, param.shape, param.dtype),
    ) as [Tensor, Tensor, Tensor];
    return { param: p, m: m2, v: v2 };
  }
  const { beta1: b1, beta2: b2, stepSize, eps } = options;
  return scope(() => {
    const nm = add(mul(m, b1), mul(grad, 1 - b1));
    const nv = add(mul(v, b2), mul(square(grad), 1 - b2));
    const root = sqrt(nv);
    const move = div(mul(nm, stepSize), add(c === undefined ? root : div(root, c), eps));
    return { param: sub(param, move), m: nm, v: nv };
  });
}

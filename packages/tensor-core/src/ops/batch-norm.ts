import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { scope } from "../scope.js";
import { Tensor } from "../tensor.js";
import { checkFloat, checkFloatMatrix, checkSameBackend, checkTensor } from "../validate.js";
import { add, div, mul, sub } from "./arithmetic.js";
import { mean, sum } from "./reduce.js";
import { sqrt, square } from "./unary.js";

/**
 * What {@link batchNormForward} returns; {@link batchNormBackward} needs `normalized` and `std`.
 *
 * @example
 * ```ts
 * import { batchNormForward, tensor } from "@backprop/tensor-core";
 * const r = batchNormForward(tensor([[0], [2]]), tensor([1]), tensor([0]), { eps: 1e-8 });
 * console.log(Object.keys(r)); // [ 'y', 'normalized', 'std', 'mean', 'variance' ]
 * ```
 */
export interface BatchNormForwardResult {
  /** `γ·x̂ + β`, `[n, d]`. */
  readonly y: Tensor;
  /** `x̂ = (x − μ)/s`, `[n, d]`. */
  readonly normalized: Tensor;
  /** `s = √(σ² + ε)`, `[d]`. */
  readonly std: Tensor;
  /** The batch mean μ, `[d]`. */
  readonly mean: Tensor;
  /** The biased batch variance σ², `[d]`. */
  readonly variance: Tensor;
}

/**
 * What {@link batchNormBackward} returns: the input gradient and the gradients of γ and β.
 *
 * @example
 * ```ts
 * import { batchNormBackward, tensor } from "@backprop/tensor-core";
 * const g = batchNormBackward(tensor([[1], [1]]), tensor([[-1], [1]]), tensor([1]), tensor([1]));
 * console.log(Object.keys(g)); // [ 'dx', 'dgamma', 'dbeta' ]
 * ```
 */
export interface BatchNormBackwardResult {
  readonly dx: Tensor;
  readonly dgamma: Tensor;
  readonly dbeta: Tensor;
}

const MATRIX = "a matrix [batch, features]";

function checkRow(op: string, argument: string, v: Tensor, d: number): void {
  checkTensor(op, argument, v);
  checkFloat(op, argument, v);
  if (v.rank !== 1 || v.shape[0] !== d) {
    throw new ShapeError({ op, argument, expected: `[${d}]`, actual: [...v.shape] });
  }
}

function wrap(like: Tensor, handles: unknown[], shapes: readonly (readonly number[])[]): Tensor[] {
  return handles.map((h, i) => new Tensor(like.owner, h, shapes[i]!, like.dtype));
}

/**
 * Batch normalisation of a training batch over its rows: with the batch mean μ and biased
 * variance σ² of each column, `x̂ = (x − μ)/√(σ² + ε)` and `y = γ·x̂ + β`. The same values as the
 * composed ops `mean`, `sub`, `square`, `sqrt`, `div`, `mul`, `add` (bit for bit); on wasm one fused
 * SIMD kernel instead of a dozen.
 *
 * @example
 * ```ts
 * import { batchNormForward, tensor } from "@backprop/tensor-core";
 * const { y, mean, variance } = batchNormForward(tensor([[1, 10], [3, 30]]), tensor([1, 1]), tensor([0, 0]), { eps: 1e-5 });
 * console.log(y.arraySync().map((row) => row.map((v) => v.toFixed(3)))); // [ [ '-1.000', '-1.000' ], [ '1.000', '1.000' ] ]
 * console.log(mean.arraySync(), variance.arraySync()); // [ 2, 20 ] [ 1, 100 ]
 * ```
 */
export function batchNormForward(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  options: { readonly eps: number },
): BatchNormForwardResult {
  const op = "batchNormForward";
  const [n, d] = checkFloatMatrix(op, "x", x, MATRIX);
  checkRow(op, "gamma", gamma, d);
  checkRow(op, "beta", beta, d);
  checkSameBackend(op, [
    ["x", x],
    ["gamma", gamma],
    ["beta", beta],
  ]);
  const eps = options.eps;
  if (typeof eps !== "number" || !(eps > 0) || !Number.isFinite(eps)) {
    throw new InvalidOptionError({
      op,
      option: "eps",
      value: eps,
      expected: "a finite number > 0",
    });
  }
  const fused = x.owner.batchNormForward;
  if (fused !== undefined && n >= 2 && d >= 1) {
    const [y, normalized, std, mu, variance] = wrap(x, fused(x, gamma, beta, eps), [
      [n, d],
      [n, d],
      [d],
      [d],
      [d],
    ]) as [Tensor, Tensor, Tensor, Tensor, Tensor];
    return { y, normalized, std, mean: mu, variance };
  }
  return scope(() => {
    const mu = mean(x, { axis: 0 });
    const xc = sub(x, mu);
    const variance = mean(square(xc), { axis: 0 });
    const std = sqrt(add(variance, eps));
    const normalized = div(xc, std);
    return { y: add(mul(normalized, gamma), beta), normalized, std, mean: mu, variance };
  });
}

/**
 * The gradients of {@link batchNormForward} (training pass, through μ and σ² too):
 * `dβ = Σ dy`, `dγ = Σ dy·x̂` over the batch, and
 * `dx = (γ/s)·(dy − mean(dy) − x̂·mean(dy·x̂))`. Bit for bit the composed ops; fused on wasm.
 *
 * @example
 * ```ts
 * import { batchNormBackward, tensor } from "@backprop/tensor-core";
 * const xn = tensor([[-1, 1], [1, -1]]);
 * const { dx, dgamma, dbeta } = batchNormBackward(tensor([[1, 2], [3, 4]]), xn, tensor([1, 1]), tensor([1, 1]));
 * console.log(dx.arraySync(), dgamma.arraySync(), dbeta.arraySync()); // [ [ 0, 0 ], [ 0, 0 ] ] [ 2, -2 ] [ 4, 6 ]
 * ```
 */
export function batchNormBackward(
  dy: Tensor,
  normalized: Tensor,
  gamma: Tensor,
  std: Tensor,
): BatchNormBackwardResult {
  const op = "batchNormBackward";
  const [n, d] = checkFloatMatrix(op, "dy", dy, MATRIX);
  const shape = checkFloatMatrix(op, "normalized", normalized, MATRIX);
  if (shape[0] !== n || shape[1] !== d) {
    throw new ShapeError({
      op,
      argument: "normalized",
      expected: `[${n}, ${d}]`,
      actual: [...shape],
    });
  }
  checkRow(op, "gamma", gamma, d);
  checkRow(op, "std", std, d);
  checkSameBackend(op, [
    ["dy", dy],
    ["normalized", normalized],
    ["gamma", gamma],
    ["std", std],
  ]);
  const fused = dy.owner.batchNormBackward;
  if (fused !== undefined && n >= 2 && d >= 1) {
    const [dx, dgamma, dbeta] = wrap(dy, fused(dy, normalized, gamma, std), [[n, d], [d], [d]]) as [
      Tensor,
      Tensor,
      Tensor,
    ];
    return { dx, dgamma, dbeta };
  }
  return scope(() => {
    const dbeta = sum(dy, { axis: 0 });
    const dgamma = sum(mul(dy, normalized), { axis: 0 });
    const scale = div(gamma, std);
    const centred = sub(sub(dy, mul(dbeta, 1 / n)), mul(normalized, mul(dgamma, 1 / n)));
    return { dx: mul(centred, scale), dgamma, dbeta };
  });
}

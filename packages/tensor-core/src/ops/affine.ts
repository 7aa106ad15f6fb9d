import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { scope } from "../scope.js";
import { Tensor } from "../tensor.js";
import { checkFloat, checkFloatMatrix, checkSameBackend, checkTensor } from "../validate.js";
import { add } from "./arithmetic.js";
import { matMul, matMulNT, matMulTN } from "./matmul.js";
import { sum } from "./reduce.js";
import { reluBackward } from "./relu-backward.js";
import { relu as reluOp } from "./unary.js";

/** x [m, k] and W [k, n] checked against each other; returns [m, k, n]. */
function checkOperands(op: string, x: Tensor, w: Tensor): [number, number, number] {
  const [m, k] = checkFloatMatrix(op, "x", x, "a matrix [batch, in]");
  const [kw, n] = checkFloatMatrix(op, "w", w, `a matrix [${k}, out]`);
  if (kw !== k) throw new ShapeError({ op, argument: "w", expected: `[${k}, *]`, actual: [kw, n] });
  return [m, k, n];
}

/**
 * Options of {@link affine}.
 *
 * @example
 * ```ts
 * import { affine, tensor } from "@backprop/tensor-core";
 * console.log(affine(tensor([[1, -2]]), tensor([[1, 0], [0, 1]]), undefined, { activation: "relu" }).arraySync()); // [ [ 1, 0 ] ]
 * ```
 */
export interface AffineOptions {
  /** Apply this activation to the result (`"relu"`: `relu(x·W + b)`); default none. */
  readonly activation?: "relu";
}

/**
 * A dense layer's output `x·W + b` for `x: [m, k]`, `W: [k, n]` and an optional bias `b: [n]` added
 * to every row, optionally followed by a ReLU. The values of `add(matMul(x, w), b)` (and `relu` of
 * it) bit for bit; on wasm one SIMD kernel that adds the bias and applies the ReLU to each finished
 * sum.
 *
 * @example
 * ```ts
 * import { affine, tensor } from "@backprop/tensor-core";
 * console.log(affine(tensor([[1, 2]]), tensor([[1, 0], [0, 1]]), tensor([10, 20])).arraySync()); // [ [ 11, 22 ] ]
 * ```
 */
export function affine(x: Tensor, w: Tensor, b?: Tensor, options: AffineOptions = {}): Tensor {
  const op = "affine";
  const [m, k, n] = checkOperands(op, x, w);
  const operands: [string, Tensor][] = [
    ["x", x],
    ["w", w],
  ];
  if (b !== undefined) {
    checkTensor(op, "b", b);
    checkFloat(op, "b", b);
    if (b.rank !== 1 || b.shape[0] !== n) {
      throw new ShapeError({ op, argument: "b", expected: `[${n}]`, actual: [...b.shape] });
    }
    operands.push(["b", b]);
  }
  checkSameBackend(op, operands);
  const activation = options.activation;
  if (activation !== undefined && activation !== "relu") {
    throw new InvalidOptionError({
      op,
      option: "activation",
      value: activation,
      expected: '"relu" or undefined',
    });
  }
  const relu = activation === "relu";
  const fused = x.owner.affine;
  if (fused !== undefined && m > 0 && k > 0 && n > 0) {
    return new Tensor(x.owner, fused(x, w, b, relu), [m, n], x.dtype);
  }
  return scope(() => {
    const z = b === undefined ? matMul(x, w) : add(matMul(x, w), b);
    return relu ? reluOp(z) : z;
  });
}

/**
 * Options of {@link affineBackward}.
 *
 * @example
 * ```ts
 * import { affineBackward, tensor } from "@backprop/tensor-core";
 * const g = affineBackward(tensor([[1, 2]]), tensor([[1], [1]]), tensor([[3]]), { bias: false, inputGradient: false });
 * console.log(Object.keys(g)); // [ 'dw' ]
 * ```
 */
export interface AffineBackwardOptions {
  /** Compute the bias gradient `db = Σ dy` (default true). */
  readonly bias?: boolean;
  /** Compute the input gradient `dx = dy·Wᵀ` (default true; a first layer has no use for it). */
  readonly inputGradient?: boolean;
  /**
   * `x` is the output of a ReLU: return that ReLU's input gradient `(dy·Wᵀ)·[x > 0]` as `dx`
   * (default false), the two layers' backward passes in one call.
   */
  readonly throughRelu?: boolean;
}

/**
 * What {@link affineBackward} returns.
 *
 * @example
 * ```ts
 * import { affineBackward, tensor } from "@backprop/tensor-core";
 * const g = affineBackward(tensor([[1, 2]]), tensor([[1], [1]]), tensor([[3]]), { inputGradient: false });
 * console.log(Object.keys(g)); // [ 'dw', 'db' ]
 * ```
 */
export interface AffineGradients {
  /** `xᵀ·dy`, `[k, n]`. */
  readonly dw: Tensor;
  /** `Σ_rows dy`, `[n]` (with `bias`). */
  readonly db?: Tensor;
  /** `dy·Wᵀ`, `[m, k]` (with `inputGradient`; times `[x > 0]` with `throughRelu`). */
  readonly dx?: Tensor;
}

/**
 * The gradients of {@link affine} for the output gradient `dy: [m, n]`: `dW = xᵀ·dy`,
 * `db = Σ_rows dy` and `dx = dy·Wᵀ`. The values of `matMulTN(x, dy)`, `sum(dy, { axis: 0 })` and
 * `matMulNT(dy, w)` (with `throughRelu`, `reluBackward(matMulNT(dy, w), x)`) bit for bit; on wasm
 * one kernel call for all of them.
 *
 * @example
 * ```ts
 * import { affineBackward, tensor } from "@backprop/tensor-core";
 * const { dw, db, dx } = affineBackward(tensor([[1, 2]]), tensor([[1], [-1]]), tensor([[3]]));
 * console.log(dw.arraySync(), db?.arraySync(), dx?.arraySync()); // [ [ 3 ], [ 6 ] ] [ 3 ] [ [ 3, -3 ] ]
 * ```
 */
export function affineBackward(
  x: Tensor,
  w: Tensor,
  dy: Tensor,
  options: AffineBackwardOptions = {},
): AffineGradients {
  const op = "affineBackward";
  const [m, k, n] = checkOperands(op, x, w);
  const [dm, dn] = checkFloatMatrix(op, "dy", dy, `a matrix [${m}, ${n}]`);
  if (dm !== m || dn !== n) {
    throw new ShapeError({ op, argument: "dy", expected: `[${m}, ${n}]`, actual: [dm, dn] });
  }
  checkSameBackend(op, [
    ["x", x],
    ["w", w],
    ["dy", dy],
  ]);
  const bias = options.bias ?? true;
  const inputGradient = options.inputGradient ?? true;
  const throughRelu = options.throughRelu ?? false;
  const fused = x.owner.affineBackward;
  if (fused !== undefined && m > 0 && k > 0 && n > 0) {
    const handles = fused(x, w, dy, { bias, inputGradient, throughRelu });
    let next = 1;
    const wrap = (shape: number[]) => new Tensor(x.owner, handles[next++], shape, x.dtype);
    const dw = new Tensor(x.owner, handles[0], [k, n], x.dtype);
    const db = bias ? wrap([n]) : undefined;
    const dx = inputGradient ? wrap([m, k]) : undefined;
    return { dw, ...(db === undefined ? {} : { db }), ...(dx === undefined ? {} : { dx }) };
  }
  const dw = matMulTN(x, dy);
  const db = bias ? sum(dy, { axis: 0 }) : undefined;
  const dx = !inputGradient
    ? undefined
    : throughRelu
      ? scope(() => reluBackward(matMulNT(dy, w), x))
      : matMulNT(dy, w);
  return { dw, ...(db === undefined ? {} : { db }), ...(dx === undefined ? {} : { dx }) };
}

import { DTypeError, InvalidOptionError, ShapeError } from "@backprop/errors";
import { scope } from "../scope.js";
import { formatShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { checkFloat, checkSameBackend, checkTensor } from "../validate.js";
import { mul, sub } from "./arithmetic.js";
import { oneHot } from "./one-hot.js";
import { mean, sum } from "./reduce.js";
import { reshape } from "./reshape.js";
import { logSoftmax, softmax } from "./softmax.js";
import { neg } from "./unary.js";

/**
 * Options of {@link softmaxCrossEntropy}.
 *
 * @example
 * ```ts
 * import { softmaxCrossEntropy, tensor } from "@backprop/tensor-core";
 * const y = tensor([[0, 0], [5, 0]]);
 * const { loss } = softmaxCrossEntropy(y, tensor([0, 0], { dtype: "int32" }), { groups: 2 });
 * console.log(loss.arraySync().map((l) => l.toFixed(4))); // [ '0.6931', '0.0067' ]
 * ```
 */
export interface SoftmaxCrossEntropyOptions {
  /**
   * Split the rows into this many equal consecutive groups and return one loss per group (each the
   * mean over its rows) instead of one scalar: many small batches scored in one call. Must divide
   * the number of rows.
   */
  readonly groups?: number;
}

/**
 * What {@link softmaxCrossEntropy} returns.
 *
 * @example
 * ```ts
 * import { softmaxCrossEntropy, tensor } from "@backprop/tensor-core";
 * const r = softmaxCrossEntropy(tensor([[0, 0]]), tensor([1], { dtype: "int32" }));
 * console.log(Object.keys(r)); // [ 'loss', 'gradient' ]
 * ```
 */
export interface SoftmaxCrossEntropyResult {
  /** The batch mean of `−Σ t·log softmax(y)`: a scalar, or `[groups]`. */
  readonly loss: Tensor;
  /** `(softmax(y) − t) / n`, the gradient of the whole batch's mean loss, shaped like `y`. */
  readonly gradient: Tensor;
}

function checkTargets(op: string, y: Tensor, t: Tensor): void {
  const [n, classes] = y.shape as [number, number];
  if (t.dtype === "int32") {
    if (t.rank !== 1 || t.shape[0] !== n) {
      throw new ShapeError({
        op,
        argument: "t",
        expected: `class indices [${n}]`,
        actual: [...t.shape],
      });
    }
    return;
  }
  if (t.dtype === "bool") {
    throw new DTypeError({
      op,
      argument: "t",
      expected: "int32 class indices or float targets",
      actual: "bool",
    });
  }
  if (t.rank !== 2 || t.shape[0] !== n || t.shape[1] !== classes) {
    throw new ShapeError({
      op,
      argument: "t",
      expected: `${formatShape(y.shape)} (the shape of y) or int32 class indices`,
      actual: [...t.shape],
    });
  }
}

/**
 * Softmax followed by cross-entropy over the rows of logits `y: [n, classes]`, with its gradient:
 * the loss `mean_rows(−Σ t·log softmax(y))` and `(softmax(y) − t)/n`, for int32 class indices `t`
 * (`[n]`; an index outside `[0, classes)` is a row of zeros, as {@link oneHot} gives) or float
 * targets shaped like `y`. Stable for any finite logits (log-sum-exp). Without a fused kernel it is
 * the composed `logSoftmax`, `oneHot`, `mul`, `sum`, `mean`, `softmax` and `sub`; on wasm one
 * kernel that computes each row's softmax in float64 and rounds once, so its values agree with the
 * composition to float32 rounding (not bit for bit: tfjs rounds its exp and log in float32).
 *
 * @example
 * ```ts
 * import { softmaxCrossEntropy, tensor } from "@backprop/tensor-core";
 * const { loss, gradient } = softmaxCrossEntropy(tensor([[2, 1, 0.1]]), tensor([0], { dtype: "int32" }));
 * console.log(loss.item().toFixed(4), gradient.arraySync()[0]!.map((g) => g.toFixed(3))); // 0.4170 [ '-0.341', '0.242', '0.099' ]
 * ```
 */
export function softmaxCrossEntropy(
  y: Tensor,
  t: Tensor,
  options: SoftmaxCrossEntropyOptions = {},
): SoftmaxCrossEntropyResult {
  const op = "softmaxCrossEntropy";
  checkTensor(op, "y", y);
  checkTensor(op, "t", t);
  checkFloat(op, "y", y);
  if (y.rank !== 2) {
    throw new ShapeError({
      op,
      argument: "y",
      expected: "logits [batch, classes]",
      actual: [...y.shape],
    });
  }
  checkTargets(op, y, t);
  checkSameBackend(op, [
    ["y", y],
    ["t", t],
  ]);
  const [n, classes] = y.shape as [number, number];
  const groups = options.groups;
  if (
    groups !== undefined &&
    (!Number.isSafeInteger(groups) || groups < 1 || (n > 0 && n % groups !== 0) || n === 0)
  ) {
    throw new InvalidOptionError({
      op,
      option: "groups",
      value: groups,
      expected: `an integer >= 1 that divides the ${n} rows`,
    });
  }
  const fused = y.owner.softmaxCrossEntropy;
  if (fused !== undefined && n > 0 && classes > 0) {
    const [loss, gradient] = fused(y, t, groups);
    return {
      loss: new Tensor(y.owner, loss, groups === undefined ? [] : [groups], y.dtype),
      gradient: new Tensor(y.owner, gradient, y.shape, y.dtype),
    };
  }
  return scope(() => {
    const target = t.dtype === "int32" ? oneHot(t, classes, { dtype: "float" }) : t;
    const rows = sum(mul(target, logSoftmax(y)), { axis: 1 });
    const loss =
      groups === undefined
        ? neg(mean(rows))
        : neg(mean(reshape(rows, [groups, n / groups]), { axis: 1 }));
    return { loss, gradient: mul(sub(softmax(y), target), 1 / n) };
  });
}

import { DTypeError, ShapeError } from "@backprop/errors";
import {
  abs,
  add,
  exp,
  log1p,
  maximum,
  mean,
  mul,
  neg,
  oneHot,
  reshape,
  scope,
  sigmoid,
  softmaxCrossEntropy,
  square,
  sub,
  sum,
  type Tensor,
} from "@backprop/tensor-core";
import { Cached } from "./module.js";
import type { Loss } from "./types.js";

/** Labels as a float tensor shaped like `y`: one-hot from int32 class indices, or as given. */
function targetsLike(op: string, y: Tensor, t: Tensor): Tensor {
  if (t.dtype === "int32") {
    if (t.rank !== 1 || t.shape[0] !== y.shape[0]) {
      throw new ShapeError({
        op,
        argument: "t",
        expected: `class indices [${y.shape[0]}]`,
        actual: [...t.shape],
      });
    }
    return oneHot(t, y.shape[y.rank - 1]!, { dtype: "float" });
  }
  if (t.dtype === "bool")
    throw new DTypeError({
      op,
      argument: "t",
      expected: "int32 class indices or float targets",
      actual: "bool",
    });
  if (t.shape.length !== y.shape.length || t.shape.some((d, i) => d !== y.shape[i])) {
    throw new ShapeError({
      op,
      argument: "t",
      expected: `[${y.shape.join(", ")}] (the shape of y) or int32 class indices`,
      actual: [...t.shape],
    });
  }
  return add(t, 0);
}

/**
 * The losses of `groups` batches stacked in `y` (`[groups · n, classes]`, targets `t` stacked
 * alike): the same op as {@link SoftmaxCrossEntropy.forward}, so each value has the bits that
 * loss gives its batch alone (internal: the numerical gradient evaluates many perturbations per
 * kernel call with it). Keeps no cache.
 */
export function softmaxCrossEntropyGroups(y: Tensor, t: Tensor, groups: number): Float64Array {
  return scope(() => {
    const { loss } = softmaxCrossEntropy(y, t, { groups });
    return Float64Array.from(loss.dataSync());
  });
}

/**
 * Softmax followed by cross-entropy, fused (the book's `SoftmaxWithLoss`): the batch mean of
 * `−Σ t·log softmax(y)` computed with log-sum-exp (finite for any logits), labels as int32 class
 * indices or one-hot/probability rows. Backward `(softmax(y) − t) / N`.
 *
 * @example
 * ```ts
 * import { SoftmaxCrossEntropy } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const loss = new SoftmaxCrossEntropy();
 * console.log(loss.forward(tensor([[2, 1, 0.1]]), tensor([0], { dtype: "int32" })).item().toFixed(4)); // 0.4170
 * ```
 */
export class SoftmaxCrossEntropy extends Cached implements Loss {
  constructor(options: { readonly name?: string } = {}) {
    super(options.name ?? "softmax_cross_entropy");
  }

  forward(y: Tensor, t: Tensor): Tensor {
    const op = `${this.name}.forward`;
    if (y.rank !== 2)
      throw new ShapeError({
        op,
        argument: "y",
        expected: "logits [batch, classes]",
        actual: [...y.shape],
      });
    return scope(() => {
      const { loss, gradient } = softmaxCrossEntropy(y, t);
      this.remember({ gradient });
      return loss;
    });
  }

  backward(): Tensor {
    const gradient = this.recall("gradient");
    return reshape(gradient, gradient.shape); // an alias the caller may dispose
  }
}

/**
 * Mean squared error in the book's form: the batch mean of `0.5·Σ(y − t)²`. Backward
 * `(y − t) / N`.
 *
 * @example
 * ```ts
 * import { MeanSquaredError } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const y = tensor([[0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0]]);
 * console.log(new MeanSquaredError().forward(y, tensor([2], { dtype: "int32" })).item().toFixed(4)); // 0.0975
 * ```
 */
export class MeanSquaredError extends Cached implements Loss {
  constructor(options: { readonly name?: string } = {}) {
    super(options.name ?? "mse");
  }

  forward(y: Tensor, t: Tensor): Tensor {
    const op = `${this.name}.forward`;
    if (y.rank < 1)
      throw new ShapeError({ op, argument: "y", expected: "predictions [batch, …]", actual: [] });
    return scope(() => {
      const diff = sub(y, targetsLike(op, y, t));
      this.remember({ diff });
      return mul(sum(square(diff)), 0.5 / y.shape[0]!);
    });
  }

  backward(): Tensor {
    const diff = this.recall("diff");
    return mul(diff, 1 / diff.shape[0]!);
  }
}

/**
 * Sigmoid followed by binary cross-entropy, fused and stable for any logit (the lecture's XOR
 * loss, PyTorch's `BCEWithLogitsLoss`): the mean over all elements of
 * `max(z, 0) − z·t + log(1 + e^(−|z|))`. Backward `(σ(z) − t) / count`.
 *
 * @example
 * ```ts
 * import { SigmoidBinaryCrossEntropy } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * console.log(new SigmoidBinaryCrossEntropy().forward(tensor([[0]]), tensor([[1]])).item().toFixed(4)); // 0.6931
 * ```
 */
export class SigmoidBinaryCrossEntropy extends Cached implements Loss {
  constructor(options: { readonly name?: string } = {}) {
    super(options.name ?? "sigmoid_bce");
  }

  forward(z: Tensor, t: Tensor): Tensor {
    const op = `${this.name}.forward`;
    if (
      t.dtype !== z.dtype ||
      t.shape.length !== z.shape.length ||
      t.shape.some((d, i) => d !== z.shape[i])
    ) {
      throw new ShapeError({
        op,
        argument: "t",
        expected: `float targets of shape [${z.shape.join(", ")}]`,
        actual: [...t.shape],
      });
    }
    return scope(() => {
      this.remember({ p: sigmoid(z), t });
      return mean(add(sub(maximum(z, 0), mul(z, t)), log1p(exp(neg(abs(z))))));
    });
  }

  backward(): Tensor {
    const p = this.recall("p");
    return scope(() => mul(sub(p, this.recall("t")), 1 / p.size));
  }
}

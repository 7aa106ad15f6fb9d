import { add, addScaled, mul, type Tensor } from "@backprop/tensor-core";
import { BaseOptimizer, type Hyper } from "./base-optimizer.js";
import type { OptimizerOptions } from "./types.js";

/** Options of {@link SGD}. */
export interface SGDOptions extends OptimizerOptions {
  /** L2 penalty added to the gradient: g + weightDecay·w (default 0). */
  readonly weightDecay?: number;
}

/** `g + λw` when λ > 0 (coupled L2 weight decay, as PyTorch's `weight_decay`). */
export function withWeightDecay(grad: Tensor, param: Tensor, weightDecay: number): Tensor {
  return weightDecay > 0 ? add(grad, mul(param, weightDecay)) : grad;
}

/**
 * Plain gradient descent: `w ← w − η·g`. Default η 0.01 (Keras; PyTorch has no default).
 *
 * @example
 * ```ts
 * import { SGD } from "@backprop/optimizers";
 * import { tensor } from "@backprop/tensor-core";
 * const params = new Map([["w", tensor([1, 2])]]);
 * new SGD({ lr: 0.1 }).step(params, new Map([["w", tensor([10, 10])]]));
 * console.log(params.get("w")!.arraySync()); // [ 0, 1 ]
 * ```
 */
export class SGD extends BaseOptimizer {
  readonly type = "sgd";
  protected readonly slotNames: readonly string[] = [];
  readonly weightDecay: number;

  constructor(options: SGDOptions = {}) {
    super(0.01, options);
    this.weightDecay = options.weightDecay ?? 0;
  }

  protected hyper(): Hyper {
    return { weightDecay: this.weightDecay };
  }

  protected update(param: Tensor, grad: Tensor) {
    return {
      // w + (−η)·g: the bits of w − η·g, in one kernel on wasm.
      param: addScaled(param, withWeightDecay(grad, param, this.weightDecay), -this.lr),
      slots: {},
    };
  }
}

/** Factory for {@link SGD}. */
export function sgd(options: SGDOptions = {}): SGD {
  return new SGD(options);
}

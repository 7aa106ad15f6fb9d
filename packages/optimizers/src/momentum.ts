import { add, mul, sub, type Tensor } from "@backprop/tensor-core";
import { BaseOptimizer, type Hyper } from "./base-optimizer.js";
import { type SGDOptions, withWeightDecay } from "./sgd.js";

/** Options of {@link Momentum} and {@link Nesterov}. */
export interface MomentumOptions extends SGDOptions {
  /** Momentum coefficient α / μ (default 0.9). */
  readonly momentum?: number;
  /**
   * `"torch"` (default): `v ← μv + g; w ← w − η·v` (PyTorch's SGD with momentum). `"book"`: the
   * book's `v ← αv − η·g; w ← w + v`. The two agree exactly while η is constant; they differ
   * when a schedule changes η (the book's velocity carries the old η).
   */
  readonly form?: "torch" | "book";
}

/**
 * SGD with momentum (heavy ball).
 *
 * @example
 * ```ts
 * import { Momentum } from "@backprop/optimizers";
 * const opt = new Momentum({ lr: 0.01, momentum: 0.9, form: "book" });
 * console.log(opt.type); // momentum
 * ```
 */
export class Momentum extends BaseOptimizer {
  readonly type: string = "momentum";
  protected readonly slotNames: readonly string[] = ["v"];
  readonly momentum: number;
  readonly form: "torch" | "book";
  readonly weightDecay: number;

  constructor(options: MomentumOptions = {}) {
    super(0.01, options);
    this.momentum = options.momentum ?? 0.9;
    this.form = options.form ?? "torch";
    this.weightDecay = options.weightDecay ?? 0;
  }

  protected hyper(): Hyper {
    return { momentum: this.momentum, form: this.form, weightDecay: this.weightDecay };
  }

  protected update(param: Tensor, grad: Tensor, slots: Readonly<Record<string, Tensor>>) {
    const g = withWeightDecay(grad, param, this.weightDecay);
    if (this.form === "book") {
      const v = sub(mul(slots.v!, this.momentum), mul(g, this.lr));
      return { param: add(param, v), slots: { v } };
    }
    const v = add(mul(slots.v!, this.momentum), g);
    return { param: sub(param, mul(v, this.lr)), slots: { v } };
  }
}

/** Factory for {@link Momentum}. */
export function momentum(options: MomentumOptions = {}): Momentum {
  return new Momentum(options);
}

/**
 * Nesterov accelerated gradient. `"torch"` form: `v ← μv + g; w ← w − η(g + μv)`. `"book"` form
 * (the book's `Nesterov` class): `v ← αv − ηg; w ← w + α²v − (1+α)ηg`.
 *
 * @example
 * ```ts
 * import { Nesterov } from "@backprop/optimizers";
 * const opt = new Nesterov({ lr: 0.01 });
 * console.log(opt.type); // nesterov
 * ```
 */
export class Nesterov extends Momentum {
  override readonly type: string = "nesterov";

  protected override update(param: Tensor, grad: Tensor, slots: Readonly<Record<string, Tensor>>) {
    const g = withWeightDecay(grad, param, this.weightDecay);
    const mu = this.momentum;
    if (this.form === "book") {
      const v = sub(mul(slots.v!, mu), mul(g, this.lr));
      return { param: sub(add(param, mul(v, mu * mu)), mul(g, (1 + mu) * this.lr)), slots: { v } };
    }
    const v = add(mul(slots.v!, mu), g);
    return { param: sub(param, mul(add(g, mul(v, mu)), this.lr)), slots: { v } };
  }
}

/** Factory for {@link Nesterov}. */
export function nesterov(options: MomentumOptions = {}): Nesterov {
  return new Nesterov(options);
}

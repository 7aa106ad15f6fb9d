import { add, div, mul, sqrt, square, sub, type Tensor } from "@backprop/tensor-core";
import { BaseOptimizer, type Hyper } from "./base-optimizer.js";
import { type SGDOptions, withWeightDecay } from "./sgd.js";

/** Options of {@link AdaGrad}. */
export interface AdaGradOptions extends SGDOptions {
  /** Added to √h (default 1e-10 as PyTorch; the book uses 1e-7: `preset: "book"`). */
  readonly eps?: number;
  /** `"book"`: eps 1e-7, as the book's code. */
  readonly preset?: "torch" | "book";
}

/**
 * AdaGrad: `h ← h + g²; w ← w − η·g/(√h + ε)`. Default η 0.01, ε 1e-10 (PyTorch); the book's ε is
 * 1e-7 (`preset: "book"`), in the same place.
 *
 * @example
 * ```ts
 * import { AdaGrad } from "@backprop/optimizers";
 * const opt = new AdaGrad({ lr: 1.5, preset: "book" });
 * console.log(opt.eps); // 1e-7
 * ```
 */
export class AdaGrad extends BaseOptimizer {
  readonly type = "adagrad";
  protected readonly slotNames: readonly string[] = ["h"];
  readonly eps: number;
  readonly weightDecay: number;

  constructor(options: AdaGradOptions = {}) {
    super(0.01, options);
    this.eps = options.eps ?? (options.preset === "book" ? 1e-7 : 1e-10);
    this.weightDecay = options.weightDecay ?? 0;
  }

  protected hyper(): Hyper {
    return { eps: this.eps, weightDecay: this.weightDecay };
  }

  protected update(param: Tensor, grad: Tensor, slots: Readonly<Record<string, Tensor>>) {
    const g = withWeightDecay(grad, param, this.weightDecay);
    const h = add(slots.h!, square(g));
    return { param: sub(param, div(mul(g, this.lr), add(sqrt(h), this.eps))), slots: { h } };
  }
}

/** Factory for {@link AdaGrad}. */
export function adagrad(options: AdaGradOptions = {}): AdaGrad {
  return new AdaGrad(options);
}

/** Options of {@link RMSProp}. */
export interface RMSPropOptions extends SGDOptions {
  /** Decay of the squared-gradient average (default 0.99, PyTorch's α and the book's decay_rate). */
  readonly rho?: number;
  /** Added to √h (default 1e-8 as PyTorch; the book uses 1e-7). */
  readonly eps?: number;
  readonly preset?: "torch" | "book";
}

/**
 * RMSProp: `h ← ρh + (1−ρ)g²; w ← w − η·g/(√h + ε)`. Defaults η 0.01, ρ 0.99, ε 1e-8 (PyTorch);
 * `preset: "book"` uses ε 1e-7.
 *
 * @example
 * ```ts
 * import { RMSProp } from "@backprop/optimizers";
 * console.log(new RMSProp().rho); // 0.99
 * ```
 */
export class RMSProp extends BaseOptimizer {
  readonly type = "rmsprop";
  protected readonly slotNames: readonly string[] = ["h"];
  readonly rho: number;
  readonly eps: number;
  readonly weightDecay: number;

  constructor(options: RMSPropOptions = {}) {
    super(0.01, options);
    this.rho = options.rho ?? 0.99;
    this.eps = options.eps ?? (options.preset === "book" ? 1e-7 : 1e-8);
    this.weightDecay = options.weightDecay ?? 0;
  }

  protected hyper(): Hyper {
    return { rho: this.rho, eps: this.eps, weightDecay: this.weightDecay };
  }

  protected update(param: Tensor, grad: Tensor, slots: Readonly<Record<string, Tensor>>) {
    const g = withWeightDecay(grad, param, this.weightDecay);
    const h = add(mul(slots.h!, this.rho), mul(square(g), 1 - this.rho));
    return { param: sub(param, div(mul(g, this.lr), add(sqrt(h), this.eps))), slots: { h } };
  }
}

/** Factory for {@link RMSProp}. */
export function rmsprop(options: RMSPropOptions = {}): RMSProp {
  return new RMSProp(options);
}

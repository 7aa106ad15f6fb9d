import { adamUpdate, mul, type Tensor } from "@backprop/tensor-core";
import { BaseOptimizer, type Hyper } from "./base-optimizer.js";
import { type SGDOptions, withWeightDecay } from "./sgd.js";

/** Options of {@link Adam} and {@link AdamW}. */
export interface AdamOptions extends SGDOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  /**
   * Where ε goes. `"torch"` (default, PyTorch): `w ← w − η·m̂/(√v̂ + ε)` with bias-corrected
   * m̂, v̂. `"hat"` (the book, Keras, tfjs): `η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ); w ← w − η_t·m/(√v + ε̂)` —
   * the same update up to where ε enters.
   */
  readonly epsilon?: "torch" | "hat";
  /** `"book"`: ε̂ = 1e-7 in the "hat" placement, as the book's code. */
  readonly preset?: "torch" | "book";
}

/**
 * Adam with bias correction. Defaults η 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8 after bias correction
 * (PyTorch); `preset: "book"` gives the book's ε̂ 1e-7 before it. `weightDecay` is coupled L2 (as
 * PyTorch's `Adam(weight_decay=…)`); for decoupled decay use {@link AdamW}.
 *
 * @example
 * ```ts
 * import { Adam } from "@backprop/optimizers";
 * import { tensor } from "@backprop/tensor-core";
 * const params = new Map([["w", tensor([1])]]);
 * const adam = new Adam({ lr: 0.1 });
 * adam.step(params, new Map([["w", tensor([0.5])]]));
 * console.log(params.get("w")!.arraySync()); // [ 0.900000002 ]
 * ```
 */
export class Adam extends BaseOptimizer {
  readonly type: string = "adam";
  protected readonly slotNames: readonly string[] = ["m", "v"];
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly epsilon: "torch" | "hat";
  readonly weightDecay: number;

  constructor(options: AdamOptions = {}) {
    super(1e-3, options);
    const book = options.preset === "book";
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? (book ? "hat" : "torch");
    this.eps = options.eps ?? (book ? 1e-7 : 1e-8);
    this.weightDecay = options.weightDecay ?? 0;
  }

  protected hyper(): Hyper {
    return {
      beta1: this.beta1,
      beta2: this.beta2,
      eps: this.eps,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
    };
  }

  protected update(
    param: Tensor,
    grad: Tensor,
    slots: Readonly<Record<string, Tensor>>,
    t: number,
  ) {
    const g = withWeightDecay(grad, param, this.weightDecay);
    return this.adamStep(param, g, slots, t);
  }

  /** The Adam move of `param` for gradient `g` (shared with AdamW). */
  protected adamStep(param: Tensor, g: Tensor, slots: Readonly<Record<string, Tensor>>, t: number) {
    const { beta1: b1, beta2: b2 } = this;
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    // m′ = β₁m + (1−β₁)g, v′ = β₂v + (1−β₂)g², then the move with ε where each convention puts
    // it — one fused kernel on wasm, the composed ops elsewhere, the same bits either way.
    const {
      param: next,
      m,
      v,
    } = adamUpdate(param, g, slots.m!, slots.v!, {
      beta1: b1,
      beta2: b2,
      eps: this.eps,
      ...(this.epsilon === "hat"
        ? { stepSize: (this.lr * Math.sqrt(c2)) / c1 }
        : { stepSize: this.lr / c1, denominatorScale: Math.sqrt(c2) }),
    });
    return { param: next, slots: { m, v } };
  }
}

/** Factory for {@link Adam}. */
export function adam(options: AdamOptions = {}): Adam {
  return new Adam(options);
}

/**
 * AdamW: Adam with decoupled weight decay, `w ← w − η·λ·w` before the Adam move (PyTorch's
 * `AdamW`; default λ 0.01, η 1e-3).
 *
 * @example
 * ```ts
 * import { AdamW } from "@backprop/optimizers";
 * console.log(new AdamW().weightDecay); // 0.01
 * ```
 */
export class AdamW extends Adam {
  override readonly type: string = "adamw";

  constructor(options: AdamOptions = {}) {
    super({ ...options, weightDecay: options.weightDecay ?? 0.01 });
  }

  protected override update(
    param: Tensor,
    grad: Tensor,
    slots: Readonly<Record<string, Tensor>>,
    t: number,
  ) {
    const decayed = this.weightDecay > 0 ? mul(param, 1 - this.lr * this.weightDecay) : param;
    return this.adamStep(decayed, grad, slots, t);
  }
}

/** Factory for {@link AdamW}. */
export function adamw(options: AdamOptions = {}): AdamW {
  return new AdamW(options);
}

import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { ones, zeros } from "@backprop/init";
import {
  add,
  type BackendName,
  batchNormBackward,
  batchNormForward,
  div,
  keep,
  movingAverage,
  mul,
  scope,
  sqrt,
  sub,
  sum,
  type Tensor,
} from "@backprop/tensor-core";
import { Module } from "./module.js";
import type { ForwardOptions } from "./types.js";

/** Options of {@link BatchNorm}. */
export interface BatchNormOptions {
  readonly name?: string;
  /**
   * Weight of the new batch in the running averages, in `momentumForm`. Default 0.1 in the torch
   * form (`running ← (1 − m)·running + m·batch`), the same average as the book's/Keras's 0.9
   * (`running ← m·running + (1 − m)·batch`).
   */
  readonly momentum?: number;
  readonly momentumForm?: "torch" | "keras";
  /** Added to the variance (default 1e-5 as PyTorch; the book's code uses 1e-6). */
  readonly eps?: number;
  /** The running variance averages the biased batch variance (book) or the unbiased one (PyTorch, default). */
  readonly runningVar?: "biased" | "unbiased";
  /** Initial running variance: ones (PyTorch, default) or zeros (the book). */
  readonly runningVarInit?: "ones" | "zeros";
  /** `"book"`: keras-form momentum 0.9, biased running variance initialised to zeros, eps 1e-6. */
  readonly preset?: "torch" | "book";
  readonly backend?: BackendName;
}

/**
 * Batch normalisation over the batch axis of `[batch, features]` inputs: in training, the batch
 * mean μ and biased variance σ² give `x̂ = (x − μ)/√(σ² + ε)`, `y = γ·x̂ + β` (γ = 1, β = 0 at
 * start), and the running mean and variance move by an exponential moving average; in eval the
 * running statistics replace the batch's. Backward goes through the whole graph:
 * `dx = (1/N)·(1/σ)·(N·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂))`. The source notes' code has two bugs here (a
 * running variance fed with μ, an unused `dmu`); the gradient property tests catch both kinds.
 *
 * @example
 * ```ts
 * import { BatchNorm } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const bn = new BatchNorm(2, { name: "bn1" });
 * const y = bn.forward(tensor([[1, 10], [3, 30]]), { training: true }).arraySync() as number[][];
 * console.log(y.map((row) => row.map((v) => v.toFixed(3)))); // [ [ '-1.000', '-1.000' ], [ '1.000', '1.000' ] ]
 * console.log([...bn.params.keys()]); // [ 'bn1.gamma', 'bn1.beta' ]
 * ```
 */
export class BatchNorm extends Module {
  readonly features: number;
  readonly momentum: number;
  readonly momentumForm: "torch" | "keras";
  readonly eps: number;
  readonly runningVarMode: "biased" | "unbiased";
  #runningMean: Tensor;
  #runningVar: Tensor;
  /** Whether the cached pass used batch statistics (backward differs in eval mode). */
  #trainingPass = false;

  constructor(features: number, options: BatchNormOptions = {}) {
    super(options.name ?? "batch_norm");
    if (!Number.isSafeInteger(features) || features < 1) {
      throw new InvalidOptionError({
        op: "BatchNorm",
        option: "features",
        value: features,
        expected: "an integer >= 1",
      });
    }
    const book = options.preset === "book";
    this.features = features;
    this.momentumForm = options.momentumForm ?? (book ? "keras" : "torch");
    this.momentum = options.momentum ?? (this.momentumForm === "keras" ? 0.9 : 0.1);
    this.eps = options.eps ?? (book ? 1e-6 : 1e-5);
    this.runningVarMode = options.runningVar ?? (book ? "biased" : "unbiased");
    if (!(this.momentum >= 0 && this.momentum <= 1)) {
      throw new InvalidOptionError({
        op: "BatchNorm",
        option: "momentum",
        value: this.momentum,
        expected: "a number in [0, 1]",
      });
    }
    if (!(this.eps > 0) || !Number.isFinite(this.eps)) {
      throw new InvalidOptionError({
        op: "BatchNorm",
        option: "eps",
        value: this.eps,
        expected: "a finite number > 0",
      });
    }
    const b = options.backend === undefined ? {} : { backend: options.backend };
    this.addParam("gamma", ones([features], b));
    this.addParam("beta", zeros([features], b));
    this.#runningMean = keep(zeros([features], b));
    const varInit = options.runningVarInit ?? (book ? "zeros" : "ones");
    this.#runningVar = keep(varInit === "ones" ? ones([features], b) : zeros([features], b));
  }

  /** The running mean (a copy). */
  get runningMean(): Tensor {
    return add(this.#runningMean, 0);
  }

  /** The running variance (a copy). */
  get runningVar(): Tensor {
    return add(this.#runningVar, 0);
  }

  /** Replaces the running statistics (loading a saved model). */
  setRunningStats(mean: Tensor, variance: Tensor): void {
    for (const [argument, t] of [
      ["mean", mean],
      ["variance", variance],
    ] as const) {
      if (t.rank !== 1 || t.shape[0] !== this.features) {
        throw new ShapeError({
          op: `${this.name}.setRunningStats`,
          argument,
          expected: `[${this.features}]`,
          actual: [...t.shape],
        });
      }
    }
    this.#runningMean.dispose();
    this.#runningVar.dispose();
    this.#runningMean = keep(add(mean, 0));
    this.#runningVar = keep(add(variance, 0));
  }

  forward(x: Tensor, options: ForwardOptions = {}): Tensor {
    if (x.rank !== 2 || x.shape[1] !== this.features) {
      throw new ShapeError({
        op: `${this.name}.forward`,
        argument: "x",
        expected: `[*, ${this.features}]`,
        actual: [...x.shape],
      });
    }
    const gamma = this.param("gamma");
    const beta = this.param("beta");
    this.#trainingPass = options.training === true;
    if (!options.training) {
      return scope(() => {
        const std = sqrt(add(this.#runningVar, this.eps));
        const xn = div(sub(x, this.#runningMean), std);
        this.remember({ xn, std });
        return add(mul(xn, gamma), beta);
      });
    }
    const n = x.shape[0]!;
    return scope(() => {
      // μ, σ², x̂ and γ·x̂ + β in one op (one fused kernel on wasm).
      const r = batchNormForward(x, gamma, beta, { eps: this.eps });
      this.remember({ xn: r.normalized, std: r.std });
      this.#updateRunning(
        r.mean,
        r.variance,
        this.runningVarMode === "unbiased" && n > 1 ? n / (n - 1) : undefined,
      );
      return r.y;
    });
  }

  backward(dy: Tensor): Tensor {
    const xn = this.recall("xn");
    const std = this.recall("std");
    const gamma = this.param("gamma");
    if (this.#trainingPass && this.inputGradient === BatchNorm.prototype.inputGradient) {
      // dβ, dγ and dx in one op (one fused kernel on wasm), the same values as the steps below.
      return scope(() => {
        const g = batchNormBackward(dy, xn, gamma, std);
        this.setGrad("beta", g.dbeta);
        this.setGrad("gamma", g.dgamma);
        return g.dx;
      });
    }
    return scope(() => {
      const dbeta = sum(dy, { axis: 0 });
      const dgamma = sum(mul(dy, xn), { axis: 0 });
      this.setGrad("beta", dbeta);
      this.setGrad("gamma", dgamma);
      const scale = div(gamma, std);
      // In eval mode μ and σ are constants: the gradient is just γ·dy/σ.
      if (!this.#trainingPass) return mul(dy, scale);
      const n = dy.shape[0]!;
      return this.inputGradient(dy, xn, scale, mul(dbeta, 1 / n), mul(dgamma, 1 / n));
    });
  }

  /**
   * The full graph's input gradient `dx = (1/σ)·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))` with
   * `dx̂ = γ·dy`, written with the sums backward already has (`mean(dx̂) = γ·mean(dy)`,
   * `mean(dx̂·x̂) = γ·mean(dy·x̂)`): `dx = (γ/σ)·(dy − mean(dy) − x̂·mean(dy·x̂))`, four full-size
   * kernels. `scale` is γ/σ; the means are over the batch. A subclass that overrides it (to
   * study a different gradient) gets these composed steps instead of the fused op.
   */
  protected inputGradient(
    dy: Tensor,
    xn: Tensor,
    scale: Tensor,
    meanDy: Tensor,
    meanDyXn: Tensor,
  ): Tensor {
    return mul(sub(sub(dy, meanDy), mul(xn, meanDyXn)), scale);
  }

  override dispose(): void {
    super.dispose();
    this.#runningMean.dispose();
    this.#runningVar.dispose();
  }

  /** The running averages take the batch's μ and σ² (times `varianceScale` when given). */
  #updateRunning(mu: Tensor, variance: Tensor, varianceScale: number | undefined): void {
    const decay = this.momentumForm === "torch" ? 1 - this.momentum : this.momentum;
    const nextMean = keep(movingAverage(this.#runningMean, mu, { decay }));
    const scaled = varianceScale === undefined ? { decay } : { decay, scale: varianceScale };
    const nextVar = keep(movingAverage(this.#runningVar, variance, scaled));
    this.#runningMean.dispose();
    this.#runningVar.dispose();
    this.#runningMean = nextMean;
    this.#runningVar = nextVar;
  }
}

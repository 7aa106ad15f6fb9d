import { InvalidOptionError, ShapeError } from "@backprop/errors";
import {
  denseDefaults,
  type FrameworkPreset,
  initWeight,
  type WeightInit,
  zeros,
} from "@backprop/init";
import type { Rng } from "@backprop/random";
import {
  add,
  type BackendName,
  matMul,
  matMulNT,
  matMulTN,
  sum,
  type Tensor,
} from "@backprop/tensor-core";
import { Module } from "./module.js";
import type { ForwardOptions } from "./types.js";

/** Options of {@link Dense}. */
export interface DenseOptions {
  /** Parameter-name prefix (default `"dense"`). */
  readonly name?: string;
  /** Source of the initial weights. */
  readonly rng: Rng;
  /**
   * Weight init: a book-style spec (`0.01`, `"xavier"`, `"he"`, …) with a zero bias, or a
   * framework's Dense default. Default `"pytorch"`: U(±1/√in) for weight and bias.
   */
  readonly init?: WeightInit | { readonly preset: FrameworkPreset };
  /** Add a bias (default true). */
  readonly bias?: boolean;
  readonly backend?: BackendName;
}

/**
 * The affine layer `y = x·W + b` (the book's `Affine`), W in the book's layout `[in, out]`.
 * Backward: `dW = xᵀ·dy`, `db = Σ_rows dy`, `dx = dy·Wᵀ`.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { Dense } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const dense = new Dense(3, 2, { name: "dense1", rng: createRng(1) });
 * const y = dense.forward(tensor([[1, 2, 3]]));
 * console.log(y.shape, [...dense.params.keys()]); // [ 1, 2 ] [ 'dense1.weight', 'dense1.bias' ]
 * ```
 */
export class Dense extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly useBias: boolean;

  constructor(inFeatures: number, outFeatures: number, options: DenseOptions) {
    super(options.name ?? "dense");
    for (const [option, value] of [
      ["inFeatures", inFeatures],
      ["outFeatures", outFeatures],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new InvalidOptionError({ op: "Dense", option, value, expected: "an integer >= 1" });
      }
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.useBias = options.bias ?? true;
    const init = options.init ?? { preset: "pytorch" as const };
    const base =
      options.backend === undefined
        ? { rng: options.rng }
        : { rng: options.rng, backend: options.backend };
    if (typeof init === "object") {
      const { weight, bias } = denseDefaults(init.preset, [inFeatures, outFeatures], base);
      this.addParam("weight", weight);
      if (this.useBias) this.addParam("bias", bias);
      else bias.dispose();
    } else {
      this.addParam("weight", initWeight(init, [inFeatures, outFeatures], base));
      if (this.useBias) this.addParam("bias", zeros([outFeatures], base));
    }
  }

  forward(x: Tensor, _options: ForwardOptions = {}): Tensor {
    if (x.rank !== 2 || x.shape[1] !== this.inFeatures) {
      throw new ShapeError({
        op: `${this.name}.forward`,
        argument: "x",
        expected: `[*, ${this.inFeatures}]`,
        actual: [...x.shape],
      });
    }
    this.remember({ x });
    const xw = matMul(x, this.param("weight"));
    if (!this.useBias) return xw;
    const y = add(xw, this.param("bias"));
    xw.dispose();
    return y;
  }

  backward(dy: Tensor): Tensor {
    this.backwardParams(dy);
    return matMulNT(dy, this.param("weight"));
  }

  /** `dW = xᵀ·dy` and `db = Σ dy` into `grads`, without the input gradient `dy·Wᵀ`. */
  backwardParams(dy: Tensor): void {
    const x = this.recall("x");
    if (dy.rank !== 2 || dy.shape[0] !== x.shape[0] || dy.shape[1] !== this.outFeatures) {
      throw new ShapeError({
        op: `${this.name}.backward`,
        argument: "dy",
        expected: `[${x.shape[0]}, ${this.outFeatures}]`,
        actual: [...dy.shape],
      });
    }
    this.setGrad("weight", matMulTN(x, dy));
    if (this.useBias) this.setGrad("bias", sum(dy, { axis: 0 }));
  }
}

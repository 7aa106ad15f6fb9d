import { InvalidOptionError, ShapeError } from "@backprop/errors";
import {
  denseDefaults,
  type FrameworkPreset,
  initWeight,
  type WeightInit,
  zeros,
} from "@backprop/init";
import type { Rng } from "@backprop/random";
import { affine, affineBackward, type BackendName, type Tensor } from "@backprop/tensor-core";
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
    return affine(x, this.param("weight"), this.useBias ? this.param("bias") : undefined);
  }

  backward(dy: Tensor): Tensor {
    return this.#gradients(dy, true)!;
  }

  /** `dW = xᵀ·dy` and `db = Σ dy` into `grads`, without the input gradient `dy·Wᵀ`. */
  backwardParams(dy: Tensor): void {
    this.#gradients(dy, false);
  }

  /** dW and db into `grads` and, when asked for, dx — one fused call (`affineBackward`). */
  #gradients(dy: Tensor, inputGradient: boolean): Tensor | undefined {
    const x = this.recall("x");
    if (dy.rank !== 2 || dy.shape[0] !== x.shape[0] || dy.shape[1] !== this.outFeatures) {
      throw new ShapeError({
        op: `${this.name}.backward`,
        argument: "dy",
        expected: `[${x.shape[0]}, ${this.outFeatures}]`,
        actual: [...dy.shape],
      });
    }
    const { dw, db, dx } = affineBackward(x, this.param("weight"), dy, {
      bias: this.useBias,
      inputGradient,
    });
    this.setGrad("weight", dw);
    if (db !== undefined) this.setGrad("bias", db);
    return dx;
  }
}

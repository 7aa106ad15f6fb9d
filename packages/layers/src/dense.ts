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
import type { ReLU } from "./activations.js";
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
    return this.#forward(x, false);
  }

  backward(dy: Tensor): Tensor {
    return this.#gradients(dy, true, false)!;
  }

  /** `dW = xᵀ·dy` and `db = Σ dy` into `grads`, without the input gradient `dy·Wᵀ`. */
  backwardParams(dy: Tensor): void {
    this.#gradients(dy, false, false);
  }

  /**
   * `relu(x·W + b)` in one kernel call: this layer's forward followed by a ReLU's, whose result it
   * returns. {@link Sequential} runs a Dense → ReLU pair this way; pass the ReLU as `relu` and it
   * keeps what its own backward needs, so either way of going backward works afterwards.
   */
  forwardRelu(x: Tensor, relu: ReLU): Tensor {
    const y = this.#forward(x, true);
    relu.keepOutput(y);
    return y;
  }

  /**
   * For a Dense whose input `x` is a ReLU's output: this layer's backward and then the ReLU's in
   * one kernel call, returning the ReLU's input gradient `(dy·Wᵀ)·[x > 0]` ({@link Sequential}
   * runs ReLU → Dense pairs backward this way).
   */
  backwardThroughRelu(dy: Tensor): Tensor {
    return this.#gradients(dy, true, true)!;
  }

  #forward(x: Tensor, relu: boolean): Tensor {
    if (x.rank !== 2 || x.shape[1] !== this.inFeatures) {
      throw new ShapeError({
        op: `${this.name}.forward`,
        argument: "x",
        expected: `[*, ${this.inFeatures}]`,
        actual: [...x.shape],
      });
    }
    this.remember({ x });
    const bias = this.useBias ? this.param("bias") : undefined;
    return affine(x, this.param("weight"), bias, relu ? { activation: "relu" } : {});
  }

  /** dW and db into `grads` and, when asked for, dx — one fused call (`affineBackward`). */
  #gradients(dy: Tensor, inputGradient: boolean, throughRelu: boolean): Tensor | undefined {
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
      throughRelu,
    });
    this.setGrad("weight", dw);
    if (db !== undefined) this.setGrad("bias", db);
    return dx;
  }
}

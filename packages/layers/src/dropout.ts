import { InvalidOptionError } from "@backprop/errors";
import type { Rng } from "@backprop/random";
import {
  cast,
  fill,
  greaterEqual,
  keep,
  mul,
  randomUniform,
  scope,
  type Tensor,
} from "@backprop/tensor-core";
import { Module } from "./module.js";
import type { ForwardOptions } from "./types.js";

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  readonly name?: string;
  /** Probability of dropping a unit (the book's `dropout_ratio`, the lecture's p). */
  readonly ratio: number;
  /** Source of the masks: the same seed drops the same units (a forward's `rng` option overrides it). */
  readonly rng: Rng;
  /**
   * `"inverted"` (default, PyTorch/Keras): kept units are scaled by 1/(1 − ratio) in training and
   * eval is the identity. `"book"`: training only masks, eval scales by (1 − ratio).
   */
  readonly mode?: "inverted" | "book";
}

/**
 * Dropout. Training draws a fresh mask from the `Rng` on each forward (unless one is fixed with
 * `fixMask`, as a gradient check does); backward multiplies by the same mask and scale.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { Dropout } from "@backprop/layers";
 * import { ones } from "@backprop/tensor-core";
 * const drop = new Dropout({ ratio: 0.5, rng: createRng(1) });
 * console.log(drop.forward(ones([1, 6]), { training: true }).arraySync()); // [ [ 0, 2, 2, 2, 2, 2 ] ]
 * console.log(drop.forward(ones([1, 2])).arraySync()); // [ [ 1, 1 ] ]
 * ```
 */
export class Dropout extends Module {
  readonly ratio: number;
  readonly mode: "inverted" | "book";
  readonly #rng: Rng;
  #fixed: Tensor | undefined;

  constructor(options: DropoutOptions) {
    super(options.name ?? "dropout");
    if (!(options.ratio >= 0 && options.ratio < 1)) {
      throw new InvalidOptionError({
        op: "Dropout",
        option: "ratio",
        value: options.ratio,
        expected: "a number in [0, 1)",
      });
    }
    this.ratio = options.ratio;
    this.mode = options.mode ?? "inverted";
    this.#rng = options.rng;
  }

  /** Uses `mask` (0/1 floats shaped like the input) for every training forward until cleared with `undefined`. */
  fixMask(mask: Tensor | undefined): void {
    this.#fixed?.dispose();
    this.#fixed = mask === undefined ? undefined : keep(mul(mask, 1));
  }

  forward(x: Tensor, options: ForwardOptions = {}): Tensor {
    if (!options.training) {
      const scale = this.mode === "book" ? 1 - this.ratio : 1;
      return scope(() => {
        this.remember({ mask: fill([], scale, { backend: x.backend }) });
        return mul(x, scale);
      });
    }
    const scale = this.mode === "inverted" ? 1 / (1 - this.ratio) : 1;
    return scope(() => {
      const keepMask =
        this.#fixed ??
        cast(
          greaterEqual(
            randomUniform([...x.shape], { rng: options.rng ?? this.#rng, backend: x.backend }),
            this.ratio,
          ),
          "float",
        );
      const factor = scale === 1 ? keepMask : mul(keepMask, scale);
      this.remember({ mask: factor });
      return mul(x, factor);
    });
  }

  backward(dy: Tensor): Tensor {
    return mul(dy, this.recall("mask"));
  }

  override dispose(): void {
    super.dispose();
    this.#fixed?.dispose();
    this.#fixed = undefined;
  }
}

import { InvalidOptionError } from "@backprop/errors";
import {
  greater,
  leakyRelu,
  mul,
  relu,
  reluBackward,
  scope,
  sigmoid,
  square,
  sub,
  type Tensor,
  tanh,
  where,
} from "@backprop/tensor-core";
import { Module } from "./module.js";
import type { ForwardOptions } from "./types.js";

/**
 * `max(x, 0)`; backward `dy · [x > 0]` (the book's mask; the gradient at exactly 0 is 0, as in
 * PyTorch).
 *
 * @example
 * ```ts
 * import { ReLU } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const r = new ReLU();
 * console.log(r.forward(tensor([-1, 2])).arraySync(), r.backward(tensor([5, 5])).arraySync()); // [ 0, 2 ] [ 0, 5 ]
 * ```
 */
export class ReLU extends Module {
  constructor(options: { readonly name?: string } = {}) {
    super(options.name ?? "relu");
  }

  forward(x: Tensor, _options: ForwardOptions = {}): Tensor {
    const y = relu(x);
    this.remember({ y }); // [y > 0] is [x > 0], NaN included
    return y;
  }

  backward(dy: Tensor): Tensor {
    return reluBackward(dy, this.recall("y"));
  }

  /**
   * Keeps `y` as this layer's output for its backward pass, when another layer computed the ReLU
   * ({@link Dense.forwardRelu}: the affine product and the ReLU in one kernel).
   */
  keepOutput(y: Tensor): void {
    this.remember({ y });
  }
}

/**
 * `x` for `x > 0`, `slope·x` otherwise (default slope 0.01, the lecture's).
 *
 * @example
 * ```ts
 * import { LeakyReLU } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * console.log(new LeakyReLU({ slope: 0.1 }).forward(tensor([-10, 3])).arraySync()); // [ -1, 3 ]
 * ```
 */
export class LeakyReLU extends Module {
  readonly slope: number;

  constructor(options: { readonly name?: string; readonly slope?: number } = {}) {
    super(options.name ?? "leaky_relu");
    this.slope = options.slope ?? 0.01;
    if (!Number.isFinite(this.slope)) {
      throw new InvalidOptionError({
        op: "LeakyReLU",
        option: "slope",
        value: this.slope,
        expected: "a finite number",
      });
    }
  }

  forward(x: Tensor, _options: ForwardOptions = {}): Tensor {
    const factor = scope(() => where(greater(x, 0), 1, this.slope));
    this.remember({ factor });
    factor.dispose();
    return leakyRelu(x, { alpha: this.slope });
  }

  backward(dy: Tensor): Tensor {
    return mul(dy, this.recall("factor"));
  }
}

/**
 * The logistic sigmoid; backward `dy · y(1 − y)` from the cached output.
 *
 * @example
 * ```ts
 * import { Sigmoid } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const s = new Sigmoid();
 * s.forward(tensor([0]));
 * console.log(s.backward(tensor([1])).arraySync()); // [ 0.25 ]
 * ```
 */
export class Sigmoid extends Module {
  constructor(options: { readonly name?: string } = {}) {
    super(options.name ?? "sigmoid");
  }

  forward(x: Tensor, _options: ForwardOptions = {}): Tensor {
    const y = sigmoid(x);
    this.remember({ y });
    return y;
  }

  backward(dy: Tensor): Tensor {
    const y = this.recall("y");
    return scope(() => mul(dy, mul(y, sub(1, y))));
  }
}

/**
 * Hyperbolic tangent; backward `dy · (1 − y²)`.
 *
 * @example
 * ```ts
 * import { Tanh } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const t = new Tanh();
 * t.forward(tensor([0]));
 * console.log(t.backward(tensor([2])).arraySync()); // [ 2 ]
 * ```
 */
export class Tanh extends Module {
  constructor(options: { readonly name?: string } = {}) {
    super(options.name ?? "tanh");
  }

  forward(x: Tensor, _options: ForwardOptions = {}): Tensor {
    const y = tanh(x);
    this.remember({ y });
    return y;
  }

  backward(dy: Tensor): Tensor {
    const y = this.recall("y");
    return scope(() => mul(dy, sub(1, square(y))));
  }
}

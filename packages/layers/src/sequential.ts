import { InvalidOptionError, ShapeError } from "@backprop/errors";
import type { Rng } from "@backprop/random";
import {
  add,
  argMax,
  cast,
  equal,
  keep,
  mean,
  mul,
  scope,
  square,
  sum,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import type { ReLU } from "./activations.js";
import { centralDifferences, type DifferencedNet } from "./central-differences.js";
import { denseAfterRelu, denseBeforeRelu } from "./fusion.js";
import type { ForwardOptions, Layer, Loss, ParamMap } from "./types.js";

/** Options of {@link Sequential}. */
export interface SequentialOptions {
  /** The loss `loss()`/`gradient()` use. */
  readonly loss?: Loss;
  /**
   * L2 weight decay λ: the loss gains `0.5·λ·Σ‖W‖²` over every parameter named `*.weight`, and
   * their gradients gain `λ·W` (the book's `weight_decay_lambda`). Default 0.
   */
  readonly weightDecay?: number;
}

/**
 * A stack of layers with one parameter map: `forward` runs them in order, `backward` in reverse,
 * `gradient(x, t)` does both through the loss. An optimizer's `step(net.params, net.grads)`
 * updates every layer.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { Dense, ReLU, Sequential, SoftmaxCrossEntropy } from "@backprop/layers";
 * import { tensor } from "@backprop/tensor-core";
 * const rng = createRng(0);
 * const net = new Sequential(
 *   [new Dense(2, 4, { name: "dense1", rng }), new ReLU(), new Dense(4, 3, { name: "dense2", rng })],
 *   { loss: new SoftmaxCrossEntropy() },
 * );
 * const grads = net.gradient(tensor([[1, 2]]), tensor([2], { dtype: "int32" }));
 * console.log([...grads.keys()]); // [ 'dense2.weight', 'dense2.bias', 'dense1.weight', 'dense1.bias' ]
 * ```
 */
export class Sequential {
  readonly layers: readonly Layer[];
  readonly params: ParamMap = new Map();
  readonly grads: ParamMap = new Map();
  readonly weightDecay: number;
  readonly #loss: Loss | undefined;

  constructor(layers: readonly Layer[], options: SequentialOptions = {}) {
    if (!Array.isArray(layers) || layers.length === 0) {
      throw new InvalidOptionError({
        op: "Sequential",
        option: "layers",
        value: layers,
        expected: "a non-empty array of layers",
      });
    }
    this.weightDecay = options.weightDecay ?? 0;
    if (!Number.isFinite(this.weightDecay) || this.weightDecay < 0) {
      throw new InvalidOptionError({
        op: "Sequential",
        option: "weightDecay",
        value: this.weightDecay,
        expected: "a finite number >= 0",
      });
    }
    this.layers = [...layers];
    for (const layer of this.layers) layer.attach(this.params, this.grads);
    this.#loss = options.loss;
  }

  /** The loss given to the constructor, if any. */
  get lossFunction(): Loss | undefined {
    return this.#loss;
  }

  /**
   * Runs every layer; intermediate outputs are freed (each layer keeps what it needs). A Dense
   * followed by a ReLU runs as one kernel call ({@link Dense.forwardRelu}), with the same values.
   */
  forward(x: Tensor, options: ForwardOptions = {}): Tensor {
    return scope(() => {
      let h = x;
      for (let l = 0; l < this.layers.length; l++) {
        const dense = denseBeforeRelu(this.layers, l);
        if (dense === undefined) h = this.layers[l]!.forward(h, options);
        else h = dense.forwardRelu(h, this.layers[++l] as ReLU);
      }
      return h;
    });
  }

  /**
   * Backpropagates `dy` through every layer (filling `grads`) and returns the input gradient. A
   * ReLU followed by a Dense runs as one kernel call ({@link Dense.backwardThroughRelu}).
   */
  backward(dy: Tensor): Tensor {
    return scope(() => this.#backwardTo(0, dy));
  }

  /** Runs the layers from the last down to `layers[stop]` backward; returns their input gradient. */
  #backwardTo(stop: number, dy: Tensor): Tensor {
    let g = dy;
    for (let l = this.layers.length - 1; l >= stop; l--) {
      const dense = l - 1 >= stop ? denseAfterRelu(this.layers, l) : undefined;
      if (dense === undefined) g = this.layers[l]!.backward(g);
      else {
        g = dense.backwardThroughRelu(g);
        l--;
      }
    }
    return g;
  }

  /** The network's output in eval mode (the book's `predict`). */
  predict(x: Tensor): Tensor {
    return this.forward(x, { training: false });
  }

  /** The loss of a batch (plus the weight-decay term), as a scalar tensor. */
  loss(x: Tensor, t: Tensor, options: ForwardOptions = {}): Tensor {
    const loss = this.#requireLoss("loss");
    return scope(() => {
      const data = loss.forward(this.forward(x, options), t);
      const decay = this.weightDecay > 0 ? this.#decayTerm() : undefined;
      return decay === undefined ? data : add(data, decay);
    });
  }

  /**
   * Forward in training mode, the loss, and backward: fills and returns `grads` (the book's
   * `gradient`), including the weight-decay gradient `λ·W`. `rng` draws this pass's Dropout masks.
   */
  gradient(x: Tensor, t: Tensor, options: { readonly rng?: Rng } = {}): ParamMap {
    const { loss, grads } = this.lossAndGradient(x, t, options);
    loss.dispose();
    return grads;
  }

  /**
   * One training pass — forward in training mode, the loss with its weight-decay term, backward —
   * as a training loop needs it: fills `grads` (weight-decay gradient `λ·W` included) and returns
   * them with the batch loss, a scalar tensor the caller reads and disposes. `rng` draws this
   * pass's Dropout masks (a trainer passes the stream it checkpoints).
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * import { multiLayerNet } from "@backprop/layers";
   * import { tensor } from "@backprop/tensor-core";
   * const net = multiLayerNet({ inputSize: 2, hiddenSizes: [3], outputSize: 2, dropout: 0.5, rng: createRng(0) });
   * const { loss, grads } = net.lossAndGradient(tensor([[1, 2]]), tensor([1], { dtype: "int32" }), { rng: createRng(7) });
   * console.log(loss.item() > 0, grads.size); // true 4
   * loss.dispose();
   * ```
   */
  lossAndGradient(
    x: Tensor,
    t: Tensor,
    options: { readonly rng?: Rng } = {},
  ): { loss: Tensor; grads: ParamMap } {
    const loss = this.#requireLoss("lossAndGradient");
    const forward: ForwardOptions =
      options.rng === undefined ? { training: true } : { training: true, rng: options.rng };
    const value = scope(() => {
      const l = this.loss(x, t, forward);
      this.#backwardParams(loss.backward());
      return l;
    });
    if (this.weightDecay > 0) {
      for (const [name, w] of this.params) {
        if (!name.endsWith(".weight")) continue;
        const g = this.grads.get(name);
        if (g === undefined) continue;
        this.grads.set(name, keep(scope(() => add(g, mul(w, this.weightDecay)))));
        g.dispose();
      }
    }
    return { loss: value, grads: this.grads };
  }

  /**
   * The gradient of `loss(x, t)` (training mode, weight decay included) by central differences
   * over every parameter element — the book's `numerical_gradient`, kept for the chapter 4
   * comparison with `gradient`. Use float64 (the reference backend) for meaningful digits. Every
   * f(p ± h) is the loss of the whole net at the perturbed point, but only the layers a
   * perturbation changes are recomputed (a dense weight changes one column of its layer's output;
   * the layers before it are evaluated once), so TwoLayerNet's 39 760 entries take about a
   * second, not a minute. BatchNorm running statistics are left unchanged.
   */
  numericalGradient(x: Tensor, t: Tensor, options: { readonly h?: number } = {}): ParamMap {
    const out: ParamMap = new Map();
    for (const [name, w] of [...this.params]) {
      const all = Int32Array.from({ length: w.size }, (_, i) => i);
      const grad = this.numericalGradientAt(x, t, name, all, options);
      out.set(name, keep(tensor(grad, { shape: w.shape, dtype: w.dtype, backend: w.backend })));
    }
    return out;
  }

  /**
   * {@link Sequential.numericalGradient} for some entries of one parameter only (flat row-major
   * indices): the central difference of `loss(x, t)` in each, in order. Checking a sample of
   * entries this way costs a fraction of the full numerical gradient.
   *
   * @example
   * ```ts
   * import { createRng } from "@backprop/random";
   * import { multiLayerNet } from "@backprop/layers";
   * import { tensor } from "@backprop/tensor-core";
   * const net = multiLayerNet({ inputSize: 2, hiddenSizes: [3], outputSize: 2, rng: createRng(0), backend: "reference" });
   * const x = tensor([[1, 2]], { backend: "reference" });
   * const t = tensor([1], { dtype: "int32", backend: "reference" });
   * console.log(net.numericalGradientAt(x, t, "affine1.weight", [0, 4]).length); // 2
   * ```
   */
  numericalGradientAt(
    x: Tensor,
    t: Tensor,
    name: string,
    indices: ArrayLike<number>,
    options: { readonly h?: number } = {},
  ): Float64Array {
    const op = "Sequential.numericalGradientAt";
    const h = options.h ?? 1e-4;
    if (!(h > 0) || !Number.isFinite(h)) {
      throw new InvalidOptionError({ op, option: "h", value: h, expected: "a finite number > 0" });
    }
    const w = this.params.get(name);
    if (w === undefined) {
      throw new InvalidOptionError({
        op,
        option: "name",
        value: name,
        expected: `a parameter of the network (${[...this.params.keys()].join(", ")})`,
      });
    }
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (!Number.isSafeInteger(i) || i < 0 || i >= w.size) {
        throw new InvalidOptionError({
          op,
          option: `indices[${k}]`,
          value: i,
          expected: `an entry of ${name} in [0, ${w.size - 1}]`,
        });
      }
    }
    const loss = this.#requireLoss("numericalGradientAt");
    const net: DifferencedNet = {
      layers: this.layers,
      params: this.params,
      weightDecay: this.weightDecay,
      loss,
      lossValue: (xs, ts) => this.loss(xs, ts, { training: true }).item(),
    };
    return centralDifferences(net, x, t, name, indices, h);
  }

  /**
   * The fraction of rows whose arg-max output matches the label (int32 class indices, or one-hot
   * rows).
   */
  accuracy(x: Tensor, t: Tensor): number {
    return scope(() => {
      const y = this.predict(x);
      const labels = t.dtype === "int32" ? t : argMax(t);
      if (labels.rank !== 1 || labels.shape[0] !== y.shape[0]) {
        throw new ShapeError({
          op: "Sequential.accuracy",
          argument: "t",
          expected: `[${y.shape[0]}] labels or one-hot rows`,
          actual: [...t.shape],
        });
      }
      return mean(cast(equal(argMax(y), labels), "float")).item();
    });
  }

  /** Frees every layer's parameters, gradients and caches, and the loss's cache. */
  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.#loss?.dispose();
  }

  /** Backward for the gradients only: the first layer computes no input gradient. */
  #backwardParams(dy: Tensor): void {
    scope(() => {
      const g = this.#backwardTo(1, dy);
      const first = this.layers[0]!;
      if (first.backwardParams === undefined) first.backward(g);
      else first.backwardParams(g);
    });
  }

  /** `0.5·λ·Σ‖W‖²` over the `*.weight` parameters (undefined when there are none). */
  #decayTerm(): Tensor | undefined {
    let total: Tensor | undefined;
    for (const [name, w] of this.params) {
      if (!name.endsWith(".weight")) continue;
      const s = sum(square(w));
      total = total === undefined ? s : add(total, s);
    }
    return total === undefined ? undefined : mul(total, 0.5 * this.weightDecay);
  }

  #requireLoss(op: string): Loss {
    if (this.#loss === undefined) {
      throw new InvalidOptionError({
        op: `Sequential.${op}`,
        option: "loss",
        value: undefined,
        expected: "a loss given to the Sequential constructor",
      });
    }
    return this.#loss;
  }
}

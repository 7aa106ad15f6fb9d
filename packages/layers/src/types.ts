import type { Rng } from "@backprop/random";
import type { Tensor } from "@backprop/tensor-core";

/** Parameters (or gradients) by stable name, e.g. `"dense1.weight"`. */
export type ParamMap = Map<string, Tensor>;

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Training mode (Dropout drops, BatchNorm uses batch statistics). Default false. */
  readonly training?: boolean;
  /**
   * The random stream of this pass's stochastic layers (Dropout masks), overriding each layer's
   * own. A trainer passes the stream it owns and checkpoints, so a resumed run draws the same
   * masks as an uninterrupted one.
   */
  readonly rng?: Rng;
}

/**
 * A layer: `forward` returns the output and keeps what `backward` needs; `backward(dy)` returns
 * the input gradient and writes the parameter gradients into `grads`. There is no global mode flag:
 * the mode travels with each forward call.
 */
export interface Layer {
  /** Prefix of the layer's parameter names, e.g. `"dense1"`. */
  readonly name: string;
  /** The parameters, read at every forward (an optimizer may replace entries). */
  readonly params: ParamMap;
  /** The gradients written by the last backward, under the same names as `params`. */
  readonly grads: ParamMap;
  forward(x: Tensor, options?: ForwardOptions): Tensor;
  backward(dy: Tensor): Tensor;
  /**
   * Optional: what `backward(dy)` writes into `grads`, without computing the input gradient. A
   * network calls it on its first layer, whose input gradient nobody needs (for a dense layer on
   * 784 inputs that product is a third of the backward pass).
   */
  backwardParams?(dy: Tensor): void;
  /**
   * Moves this layer's parameters and gradients into shared maps (a network's), which it then
   * reads and writes; used by containers so that one optimizer step updates every layer.
   */
  attach(params: ParamMap, grads: ParamMap): void;
  /** Frees parameters, gradients and cached activations. */
  dispose(): void;
}

/** A loss: `forward(y, t)` returns the scalar batch-mean loss, `backward()` its gradient in `y`. */
export interface Loss {
  forward(y: Tensor, t: Tensor): Tensor;
  backward(): Tensor;
  dispose(): void;
}

import { BackpropError } from "@backprop/errors";

/**
 * The training loss became NaN or ±Infinity: names the iteration, epoch and batch, and says what
 * to try. Thrown by {@link terminateOnNaN}; checkpoints written before it stay as they were.
 *
 * @example
 * ```ts
 * import { NonFiniteLossError } from "@backprop/trainer";
 * const e = new NonFiniteLossError({ iteration: 1234, epoch: 3, batch: 34, loss: Number.NaN });
 * console.log(e.message.startsWith("Training loss became NaN at iteration 1234")); // true
 * ```
 */
export class NonFiniteLossError extends BackpropError {
  static override readonly kind: string = "NonFiniteLossError";
  readonly iteration: number;
  readonly epoch: number;
  readonly batch: number;
  readonly loss: number;

  constructor(fields: {
    readonly iteration: number;
    readonly epoch: number;
    readonly batch: number;
    readonly loss: number;
  }) {
    super(
      `Training loss became ${fields.loss} at iteration ${fields.iteration} (epoch ${fields.epoch}, batch ${fields.batch}); training stopped and the checkpoints written so far are intact. Try a smaller learning rate, gradient clipping (clipNorm), or a gentler weight init`,
      { code: "BACKPROP_NON_FINITE_LOSS" },
    );
    this.iteration = fields.iteration;
    this.epoch = fields.epoch;
    this.batch = fields.batch;
    this.loss = fields.loss;
  }
}

import { InvalidOptionError } from "@backprop/errors";
import type { Shape } from "@backprop/tensor-core";

/**
 * Fan-in and fan-out of a weight.
 *
 * @example
 * ```ts
 * import { type Fans, fansOf } from "@backprop/init";
 * const fans: Fans = fansOf([784, 100]);
 * console.log(fans.fanIn, fans.fanOut); // 784 100
 * ```
 */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * Overrides for the fans computed from the shape (a bias takes its weight's fan-in).
 *
 * @example
 * ```ts
 * import { type FanOptions, fansOf } from "@backprop/init";
 * const bias: FanOptions = { fanIn: 784 };
 * console.log(fansOf([100], bias)); // { fanIn: 784, fanOut: 100 }
 * ```
 */
export interface FanOptions {
  readonly fanIn?: number;
  readonly fanOut?: number;
}

/**
 * Fans of a weight in backprop's layout: a dense weight is `[in, out]` (the book's Affine layout),
 * so `fanIn = shape[0]`, `fanOut = shape[1]`; higher ranks multiply in the receptive field
 * (`[in, out, ...kernel]`); a vector has `fanIn = fanOut = length`.
 *
 * @example
 * ```ts
 * import { fansOf } from "@backprop/init";
 * console.log(fansOf([784, 50])); // { fanIn: 784, fanOut: 50 }
 * ```
 */
export function fansOf(shape: Shape, options: FanOptions = {}): Fans {
  let fanIn: number;
  let fanOut: number;
  if (shape.length === 0) {
    fanIn = fanOut = 1;
  } else if (shape.length === 1) {
    fanIn = fanOut = shape[0]!;
  } else {
    const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
    fanIn = shape[0]! * receptive;
    fanOut = shape[1]! * receptive;
  }
  fanIn = options.fanIn ?? fanIn;
  fanOut = options.fanOut ?? fanOut;
  for (const [option, value] of [
    ["fanIn", fanIn],
    ["fanOut", fanOut],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new InvalidOptionError({
        op: "fansOf",
        option,
        value,
        expected: "a positive number (is a dimension 0?)",
      });
    }
  }
  return { fanIn, fanOut };
}

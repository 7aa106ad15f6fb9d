import { InvalidOptionError } from "@backprop/errors";
import { createRng, type Rng } from "@backprop/random";
import { mul, randomNormal, scope, sum, type Tensor } from "@backprop/tensor-core";
import { type CheckGradientsOptions, checkGradients } from "./check-gradients.js";
import type { GradCheckReport } from "./report.js";

/** Options of {@link checkBackward}. */
export interface CheckBackwardOptions extends Omit<CheckGradientsOptions, "f" | "analytic"> {
  /** The forward pass: any output shape. */
  readonly forward: (inputs: Readonly<Record<string, Tensor>>) => Tensor;
  /** The backward pass: gradients of `Σ forward(inputs) · dy` for each input. */
  readonly backward: (
    inputs: Readonly<Record<string, Tensor>>,
    dy: Tensor,
  ) => Readonly<Record<string, Tensor>>;
  /** Source of the random cotangent `dy` (or a seed; default seed 0). */
  readonly rng?: Rng;
  readonly seed?: number;
}

/**
 * Checks a backward pass whose forward output is not a scalar (a layer): draws a random
 * cotangent `dy ~ N(0, 1)` of the output's shape and checks `backward(inputs, dy)` against the
 * numerical gradient of `Σ forward(inputs) · dy` (a vector–Jacobian product).
 *
 * @example
 * ```ts
 * import { checkBackward } from "@backprop/gradcheck";
 * import { mul, sigmoid, sub, tensor } from "@backprop/tensor-core";
 * const x = tensor([[-1, 0.5, 2]], { backend: "reference" });
 * const report = checkBackward({
 *   inputs: { x },
 *   forward: ({ x }) => sigmoid(x!),
 *   backward: ({ x }, dy) => { const s = sigmoid(x!); return { x: mul(dy, mul(s, sub(1, s))) }; },
 * });
 * console.log(report.ok); // true
 * ```
 */
export function checkBackward(options: CheckBackwardOptions): GradCheckReport {
  const op = "checkBackward";
  if (typeof options.forward !== "function" || typeof options.backward !== "function") {
    throw new InvalidOptionError({
      op,
      option: "forward/backward",
      value: typeof options.forward,
      expected: "two functions",
    });
  }
  const rng = options.rng ?? createRng(options.seed ?? 0);
  return scope(() => {
    const shape = scope(() => [...options.forward(options.inputs).shape]);
    const dy = randomNormal(shape, { rng, backend: "reference" });
    const { forward, backward, rng: _rng, seed: _seed, ...rest } = options;
    return checkGradients({
      ...rest,
      f: (inputs) => sum(mul(forward(inputs), dy)),
      analytic: (inputs) => backward(inputs, dy),
    });
  });
}

import { InvalidOptionError } from "@backprop/errors";
import { createRng, type Rng } from "@backprop/random";
import { mul, randomNormal, scope, sum, type Tensor } from "@backprop/tensor-core";
import { type CheckGradientsOptions, checkGradients, type Gradients } from "./check-gradients.js";
import type { GradCheckReport } from "./report.js";
import type { NamedTensors } from "./types.js";
import { fn, referenceTensor } from "./validate.js";

/**
 * Options of {@link checkBackward}: a forward and a backward pass instead of `f` and `analytic`,
 * the source of the random cotangent, and the tolerances of `checkGradients`.
 *
 * @example
 * ```ts
 * import type { CheckBackwardOptions } from "@backprop/gradcheck";
 * import { mul, tensor } from "@backprop/tensor-core";
 * const options: CheckBackwardOptions<"x"> = {
 *   inputs: { x: tensor([1, 2], { backend: "reference" }) },
 *   forward: ({ x }) => mul(x, 3),
 *   backward: (_inputs, dy) => ({ x: mul(dy, 3) }),
 *   seed: 7,
 * };
 * console.log(Object.keys(options)); // [ 'inputs', 'forward', 'backward', 'seed' ]
 * ```
 */
export interface CheckBackwardOptions<K extends string = string>
  extends Omit<CheckGradientsOptions<K>, "f" | "analytic"> {
  /** The forward pass; its output may have any shape. */
  readonly forward: (inputs: NamedTensors<K>) => Tensor;
  /**
   * The backward pass: given the upstream gradient `dy` (shaped like the output), the gradient
   * of `Σ forward(inputs) · dy` for each checked input — a vector–Jacobian product.
   */
  readonly backward: (inputs: NamedTensors<K>, dy: Tensor) => Gradients<NoInfer<K>>;
  /** Where the cotangent `dy ~ N(0, 1)` comes from (it advances this Rng). */
  readonly rng?: Rng;
  /** Or a seed for a fresh Rng (default 0). Pass `rng` or `seed`, not both. */
  readonly seed?: number;
}

/**
 * Checks the backward pass of something whose output is not a scalar — a layer. Draws a random
 * cotangent `dy ~ N(0, 1)` shaped like `forward(inputs)` (from `rng`, or a seeded one), defines
 * the scalar `loss = Σ forward(inputs) · dy`, and compares `backward(inputs, dy)` with the
 * central differences of that loss, exactly like `checkGradients`. A random `dy` weighs every
 * output element differently, so a backward that mixes up two outputs cannot pass by symmetry.
 *
 * @example
 * ```ts
 * import { checkBackward } from "@backprop/gradcheck";
 * import { mul, sigmoid, sub, tensor } from "@backprop/tensor-core";
 * const x = tensor([[-1, 0.5, 2]], { backend: "reference" });
 * const report = checkBackward({
 *   inputs: { x },
 *   forward: ({ x }) => sigmoid(x),
 *   backward: ({ x }, dy) => {
 *     const s = sigmoid(x);
 *     return { x: mul(dy, mul(s, sub(1, s))) }; // σ′ = σ(1 − σ)
 *   },
 *   seed: 1,
 * });
 * console.log(report.ok); // true
 * ```
 */
export function checkBackward<K extends string>(options: CheckBackwardOptions<K>): GradCheckReport {
  const op = "checkBackward";
  const { forward, backward, rng, seed, ...rest } = options ?? ({} as CheckBackwardOptions<K>);
  fn(op, "forward", forward, "a function of the inputs returning a tensor");
  fn(op, "backward", backward, "a function (inputs, dy) returning the gradients by input name");
  if (rng !== undefined && seed !== undefined) {
    throw new InvalidOptionError({
      op,
      option: "seed",
      value: seed,
      expected: "absent when rng is given (pass rng or seed, not both)",
    });
  }
  const inputs: unknown = rest.inputs;
  if (typeof inputs !== "object" || inputs === null || Object.keys(inputs).length === 0) {
    throw new InvalidOptionError({
      op,
      option: "inputs",
      value: inputs,
      expected: "an object with at least one named tensor, e.g. { x, w }",
    });
  }
  for (const [name, x] of Object.entries(inputs)) referenceTensor(op, `inputs.${name}`, x);
  const source = rng ?? createRng(seed ?? 0);
  return scope(() => {
    const shape = scope(() => [
      ...referenceTensor(op, "forward(inputs)", forward(rest.inputs)).shape,
    ]);
    const dy = randomNormal(shape, { rng: source, backend: "reference" });
    return checkGradients<K>({
      ...rest,
      f: (inputs) => sum(mul(forward(inputs), dy)),
      analytic: (inputs) => backward(inputs, dy),
    });
  });
}

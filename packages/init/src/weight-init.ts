import { InvalidOptionError } from "@backprop/errors";
import type { Shape, Tensor } from "@backprop/tensor-core";
import { normal, type RandomInitOptions, zeros } from "./basic.js";
import type { FanOptions } from "./fans.js";
import {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  torchLinearUniform,
  xavierBook,
} from "./variance-scaling.js";

/**
 * Named weight initializers.
 *
 * @example
 * ```ts
 * import { type InitName, initWeight } from "@backprop/init";
 * import { createRng } from "@backprop/random";
 * const name: InitName = "lecunUniform";
 * console.log(initWeight(name, [4, 2], { rng: createRng(3), backend: "reference" }).shape); // [ 4, 2 ]
 * ```
 */
export type InitName =
  | "glorotNormal"
  | "glorotUniform"
  | "heNormal"
  | "heUniform"
  | "lecunNormal"
  | "lecunUniform"
  | "torchLinear"
  | "zeros";

/**
 * How to initialise a dense weight. The book's forms work as-is: a number is a standard deviation
 * (`0.01`), `"xavier"`/`"sigmoid"` mean std √(1/n_in), `"he"`/`"relu"` mean std √(2/n_in); or any
 * `InitName`.
 *
 * @example
 * ```ts
 * import { initWeight, type WeightInit } from "@backprop/init";
 * import { createRng } from "@backprop/random";
 * const specs: WeightInit[] = [0.01, "xavier", "he", "glorotUniform"];
 * console.log(specs.map((spec) => initWeight(spec, [784, 50], { rng: createRng(1), backend: "reference" }).shape.join("×"))); // [ '784×50', '784×50', '784×50', '784×50' ]
 * ```
 */
export type WeightInit = number | "xavier" | "sigmoid" | "he" | "relu" | InitName;

const BY_NAME: Record<InitName, (shape: Shape, options: RandomInitOptions & FanOptions) => Tensor> =
  {
    glorotNormal,
    glorotUniform,
    heNormal,
    heUniform,
    lecunNormal,
    lecunUniform,
    torchLinear: torchLinearUniform,
    zeros: (shape, options) => zeros(shape, options),
  };

/**
 * A weight initialised by a book-style or named spec.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { initWeight } from "@backprop/init";
 * const rng = createRng(42);
 * const a = initWeight(0.01, [784, 100], { rng }); // the book's weight_init_std = 0.01
 * const b = initWeight("he", [100, 100], { rng }); // std √(2/100)
 * const c = initWeight("glorotUniform", [100, 10], { rng });
 * ```
 */
export function initWeight(
  spec: WeightInit,
  shape: Shape,
  options: RandomInitOptions & FanOptions,
): Tensor {
  if (typeof spec === "number") {
    if (!Number.isFinite(spec) || spec < 0) {
      throw new InvalidOptionError({
        op: "initWeight",
        option: "spec",
        value: spec,
        expected: "a standard deviation >= 0",
      });
    }
    return normal(shape, { ...options, std: spec });
  }
  if (spec === "xavier" || spec === "sigmoid") return xavierBook(shape, options);
  if (spec === "he" || spec === "relu") return heNormal(shape, options);
  const init = BY_NAME[spec];
  if (init === undefined) {
    throw new InvalidOptionError({
      op: "initWeight",
      option: "spec",
      value: spec,
      expected: `a standard deviation, 'xavier', 'sigmoid', 'he', 'relu' or one of ${Object.keys(BY_NAME).join(", ")}`,
    });
  }
  return init(shape, options);
}

/**
 * Frameworks whose Dense/Linear defaults {@link denseDefaults} reproduces.
 *
 * @example
 * ```ts
 * import { denseDefaults, type FrameworkPreset } from "@backprop/init";
 * import { createRng } from "@backprop/random";
 * const preset: FrameworkPreset = "keras"; // glorotUniform weights, zero bias
 * console.log(denseDefaults(preset, [3, 2], { rng: createRng(0), backend: "reference" }).bias.arraySync()); // [ 0, 0 ]
 * ```
 */
export type FrameworkPreset = "pytorch" | "keras" | "tfjs" | "book";

/**
 * Weight and bias of a dense layer `[in, out]` as each framework initialises them by default:
 * PyTorch U(±1/√in) for both; Keras glorotUniform + zeros; tfjs glorotNormal + zeros; the book
 * N(0, 0.01²) + zeros.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { denseDefaults } from "@backprop/init";
 * const { weight, bias } = denseDefaults("pytorch", [784, 256], { rng: createRng(0) });
 * ```
 */
export function denseDefaults(
  preset: FrameworkPreset,
  shape: readonly [number, number],
  options: RandomInitOptions,
): { weight: Tensor; bias: Tensor } {
  const [fanIn, units] = shape;
  switch (preset) {
    case "pytorch":
      return {
        weight: torchLinearUniform(shape, options),
        bias: torchLinearUniform([units], { ...options, fanIn }),
      };
    case "keras":
      return { weight: glorotUniform(shape, options), bias: zeros([units], options) };
    case "tfjs":
      return { weight: glorotNormal(shape, options), bias: zeros([units], options) };
    case "book":
      return { weight: normal(shape, { ...options, std: 0.01 }), bias: zeros([units], options) };
    default:
      throw new InvalidOptionError({
        op: "denseDefaults",
        option: "preset",
        value: preset,
        expected: "'pytorch', 'keras', 'tfjs' or 'book'",
      });
  }
}

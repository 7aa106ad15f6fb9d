import { InvalidOptionError } from "@backprop/errors";

/**
 * Nonlinearities with a recommended gain (PyTorch's `calculate_gain` table).
 *
 * @example
 * ```ts
 * import { gain, type Nonlinearity } from "@backprop/init";
 * const all: Nonlinearity[] = ["linear", "sigmoid", "tanh", "relu", "selu"];
 * console.log(all.map((n) => gain(n).toFixed(3))); // [ '1.000', '1.000', '1.667', '1.414', '0.750' ]
 * ```
 */
export type Nonlinearity =
  | "linear"
  | "identity"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leakyRelu"
  | "selu";

/**
 * The recommended gain for a nonlinearity: linear/sigmoid 1, tanh 5/3, relu √2, leaky ReLU
 * √(2/(1+slope²)) (slope default 0.01), selu 3/4 — as PyTorch's `calculate_gain`.
 *
 * @example
 * ```ts
 * import { gain } from "@backprop/init";
 * console.log(gain("relu"), gain("leakyRelu", { slope: 0.2 })); // 1.4142135623730951 1.3867504905630728
 * ```
 */
export function gain(
  nonlinearity: Nonlinearity,
  options: { readonly slope?: number } = {},
): number {
  switch (nonlinearity) {
    case "linear":
    case "identity":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leakyRelu": {
      const slope = options.slope ?? 0.01;
      if (!Number.isFinite(slope))
        throw new InvalidOptionError({
          op: "gain",
          option: "slope",
          value: slope,
          expected: "a finite number",
        });
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
    default:
      throw new InvalidOptionError({
        op: "gain",
        option: "nonlinearity",
        value: nonlinearity,
        expected: "'linear', 'sigmoid', 'tanh', 'relu', 'leakyRelu' or 'selu'",
      });
  }
}

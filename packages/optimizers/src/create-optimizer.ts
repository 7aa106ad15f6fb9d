import { InvalidOptionError } from "@backprop/errors";
import { Adam, type AdamOptions, AdamW } from "./adam.js";
import { AdaGrad, type AdaGradOptions, RMSProp, type RMSPropOptions } from "./adaptive.js";
import { Momentum, type MomentumOptions, Nesterov } from "./momentum.js";
import { SGD, type SGDOptions } from "./sgd.js";
import type { Optimizer } from "./types.js";

/** Optimizer names accepted by {@link createOptimizer} (the book's names, case-insensitive). */
export type OptimizerName =
  | "sgd"
  | "momentum"
  | "nesterov"
  | "adagrad"
  | "rmsprop"
  | "adam"
  | "adamw";

/** The options of every optimizer, merged. */
export type AnyOptimizerOptions = SGDOptions &
  MomentumOptions &
  AdaGradOptions &
  RMSPropOptions &
  AdamOptions;

/**
 * An optimizer by name with its options — the book's `Trainer(optimizer='Adam',
 * optimizer_param={'lr': 0.001})`.
 *
 * @example
 * ```ts
 * import { createOptimizer } from "@backprop/optimizers";
 * const opt = createOptimizer("AdaGrad", { lr: 0.01, preset: "book" });
 * console.log(opt.type); // adagrad
 * ```
 */
export function createOptimizer(name: string, options: AnyOptimizerOptions = {}): Optimizer {
  switch (name.toLowerCase()) {
    case "sgd":
      return new SGD(options);
    case "momentum":
      return new Momentum(options);
    case "nesterov":
      return new Nesterov(options);
    case "adagrad":
      return new AdaGrad(options);
    case "rmsprop":
      return new RMSProp(options);
    case "adam":
      return new Adam(options);
    case "adamw":
      return new AdamW(options);
    default:
      throw new InvalidOptionError({
        op: "createOptimizer",
        option: "name",
        value: name,
        expected: "one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw",
      });
  }
}

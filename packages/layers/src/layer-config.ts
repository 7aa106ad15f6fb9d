import { InvalidOptionError } from "@backprop/errors";
import { createRng, type Rng } from "@backprop/random";
import type { BackendName } from "@backprop/tensor-core";
import { LeakyReLU, ReLU, Sigmoid, Tanh } from "./activations.js";
import { BatchNorm } from "./batch-norm.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import type { Layer } from "./types.js";

/** A layer's architecture as plain JSON (no parameter values). */
export type LayerConfig =
  | {
      readonly type: "dense";
      readonly name: string;
      readonly inFeatures: number;
      readonly outFeatures: number;
      readonly bias: boolean;
    }
  | { readonly type: "relu" | "sigmoid" | "tanh"; readonly name: string }
  | { readonly type: "leakyRelu"; readonly name: string; readonly slope: number }
  | {
      readonly type: "batchNorm";
      readonly name: string;
      readonly features: number;
      readonly momentum: number;
      readonly momentumForm: "torch" | "keras";
      readonly eps: number;
      readonly runningVar: "biased" | "unbiased";
    }
  | {
      readonly type: "dropout";
      readonly name: string;
      readonly ratio: number;
      readonly mode: "inverted" | "book";
    };

/** The architecture of a built-in layer. */
export function layerConfig(layer: Layer): LayerConfig {
  if (layer instanceof Dense) {
    return {
      type: "dense",
      name: layer.name,
      inFeatures: layer.inFeatures,
      outFeatures: layer.outFeatures,
      bias: layer.useBias,
    };
  }
  if (layer instanceof BatchNorm) {
    return {
      type: "batchNorm",
      name: layer.name,
      features: layer.features,
      momentum: layer.momentum,
      momentumForm: layer.momentumForm,
      eps: layer.eps,
      runningVar: layer.runningVarMode,
    };
  }
  if (layer instanceof Dropout)
    return { type: "dropout", name: layer.name, ratio: layer.ratio, mode: layer.mode };
  if (layer instanceof LeakyReLU)
    return { type: "leakyRelu", name: layer.name, slope: layer.slope };
  if (layer instanceof ReLU) return { type: "relu", name: layer.name };
  if (layer instanceof Sigmoid) return { type: "sigmoid", name: layer.name };
  if (layer instanceof Tanh) return { type: "tanh", name: layer.name };
  throw new InvalidOptionError({
    op: "layerConfig",
    option: "layer",
    value: layer?.constructor?.name,
    expected: "a built-in backprop layer (custom layers cannot be saved yet)",
  });
}

/**
 * A layer rebuilt from its config, with placeholder parameters (zeros; a model file overwrites
 * them). Dropout takes its masks from `rng`.
 */
export function layerFromConfig(
  config: LayerConfig,
  options: { readonly rng?: Rng; readonly backend?: BackendName } = {},
): Layer {
  const backend = options.backend === undefined ? {} : { backend: options.backend };
  const rng = options.rng ?? createRng(0);
  switch (config.type) {
    case "dense":
      return new Dense(config.inFeatures, config.outFeatures, {
        name: config.name,
        rng,
        init: "zeros",
        bias: config.bias,
        ...backend,
      });
    case "batchNorm":
      return new BatchNorm(config.features, {
        name: config.name,
        momentum: config.momentum,
        momentumForm: config.momentumForm,
        eps: config.eps,
        runningVar: config.runningVar,
        ...backend,
      });
    case "dropout":
      return new Dropout({ name: config.name, ratio: config.ratio, mode: config.mode, rng });
    case "leakyRelu":
      return new LeakyReLU({ name: config.name, slope: config.slope });
    case "relu":
      return new ReLU({ name: config.name });
    case "sigmoid":
      return new Sigmoid({ name: config.name });
    case "tanh":
      return new Tanh({ name: config.name });
    default:
      throw new InvalidOptionError({
        op: "layerFromConfig",
        option: "type",
        value: (config as { type?: unknown }).type,
        expected: "a built-in layer type",
      });
  }
}

import { InvalidOptionError } from "@backprop/errors";
import type { WeightInit } from "@backprop/init";
import type { Rng } from "@backprop/random";
import type { BackendName } from "@backprop/tensor-core";
import { LeakyReLU, ReLU, Sigmoid, Tanh } from "./activations.js";
import { BatchNorm } from "./batch-norm.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import { SoftmaxCrossEntropy } from "./losses.js";
import { Sequential } from "./sequential.js";
import type { Layer } from "./types.js";

/** Activations the builder knows (the book's names). */
export type ActivationName = "relu" | "sigmoid" | "tanh" | "leakyRelu";

/** Options of {@link multiLayerNet}: the book's `MultiLayerNet` / `MultiLayerNetExtend`. */
export interface MultiLayerNetOptions {
  readonly inputSize: number;
  readonly hiddenSizes: readonly number[];
  readonly outputSize: number;
  /** Hidden activation (default `"relu"`). */
  readonly activation?: ActivationName;
  /** Slope of `"leakyRelu"` (default 0.01). */
  readonly slope?: number;
  /**
   * Weight init of every affine layer: the book's `weight_init_std` (a number, `"relu"`/`"he"`,
   * `"sigmoid"`/`"xavier"`) or a named init; biases start at zero. Default: PyTorch's U(±1/√in)
   * for weight and bias; `preset: "book"` defaults to `"relu"`-style He init as the book does.
   */
  readonly weightInit?: WeightInit;
  /** Affine → BatchNorm → activation (→ Dropout) in every hidden layer (default false). */
  readonly batchNorm?: boolean;
  /** Dropout ratio after every hidden activation (default 0: none). */
  readonly dropout?: number;
  /** L2 weight decay λ (the book's `weight_decay_lambda`, default 0). */
  readonly weightDecay?: number;
  /** `"book"`: the book's BatchNorm and Dropout conventions and its default init. */
  readonly preset?: "torch" | "book";
  readonly rng: Rng;
  readonly backend?: BackendName;
}

/**
 * The book's `MultiLayerNet(Extend)` and the lecture's MLPs: `affine{i}` → (`bn{i}`) →
 * activation → (`dropout{i}`) for each hidden size, then `affine{n+1}` and a softmax
 * cross-entropy loss; parameters are named `affine1.weight`, `bn1.gamma`, ….
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { multiLayerNet } from "@backprop/layers";
 * const net = multiLayerNet({ inputSize: 784, hiddenSizes: [100, 100], outputSize: 10, batchNorm: true, rng: createRng(0) });
 * console.log([...net.params.keys()].slice(0, 4)); // [ 'affine1.weight', 'affine1.bias', 'bn1.gamma', 'bn1.beta' ]
 * ```
 */
export function multiLayerNet(options: MultiLayerNetOptions): Sequential {
  const op = "multiLayerNet";
  const sizes = [options.inputSize, ...options.hiddenSizes, options.outputSize];
  sizes.forEach((size, i) => {
    if (!Number.isSafeInteger(size) || size < 1) {
      const option =
        i === 0 ? "inputSize" : i === sizes.length - 1 ? "outputSize" : `hiddenSizes[${i - 1}]`;
      throw new InvalidOptionError({ op, option, value: size, expected: "an integer >= 1" });
    }
  });
  const book = options.preset === "book";
  const activation = options.activation ?? "relu";
  const ratio = options.dropout ?? 0;
  const weightInit =
    options.weightInit ??
    (book ? (activation === "relu" || activation === "leakyRelu" ? "relu" : "sigmoid") : undefined);
  const backend = options.backend === undefined ? {} : { backend: options.backend };
  const layers: Layer[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const init = weightInit === undefined ? {} : { init: weightInit };
    layers.push(
      new Dense(sizes[i - 1]!, sizes[i]!, {
        name: `affine${i}`,
        rng: options.rng,
        ...init,
        ...backend,
      }),
    );
    if (i === sizes.length - 1) break;
    if (options.batchNorm)
      layers.push(
        new BatchNorm(sizes[i]!, {
          name: `bn${i}`,
          ...(book ? { preset: "book" as const } : {}),
          ...backend,
        }),
      );
    layers.push(makeActivation(activation, `${activation}${i}`, options.slope));
    if (ratio > 0)
      layers.push(
        new Dropout({
          name: `dropout${i}`,
          ratio,
          rng: options.rng,
          mode: book ? "book" : "inverted",
        }),
      );
  }
  return new Sequential(layers, {
    loss: new SoftmaxCrossEntropy(),
    weightDecay: options.weightDecay ?? 0,
  });
}

function makeActivation(kind: ActivationName, name: string, slope: number | undefined): Layer {
  switch (kind) {
    case "relu":
      return new ReLU({ name });
    case "sigmoid":
      return new Sigmoid({ name });
    case "tanh":
      return new Tanh({ name });
    case "leakyRelu":
      return new LeakyReLU(slope === undefined ? { name } : { name, slope });
    default:
      throw new InvalidOptionError({
        op: "multiLayerNet",
        option: "activation",
        value: kind,
        expected: "'relu', 'sigmoid', 'tanh' or 'leakyRelu'",
      });
  }
}

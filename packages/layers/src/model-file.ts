import { FormatError, InvalidOptionError } from "@backprop/errors";
import type { Rng } from "@backprop/random";
import {
  type BackendName,
  dispose,
  keep,
  type Tensor,
  tensor,
  transpose,
} from "@backprop/tensor-core";
import { BatchNorm } from "./batch-norm.js";
import { Dense } from "./dense.js";
import { type LayerConfig, layerConfig, layerFromConfig } from "./layer-config.js";
import { MeanSquaredError, SigmoidBinaryCrossEntropy, SoftmaxCrossEntropy } from "./losses.js";
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsEntry,
  type SafetensorsFile,
} from "./safetensors.js";
import { Sequential } from "./sequential.js";
import type { Loss } from "./types.js";

/** How dense weights are laid out in the file. */
export type WeightLayout = "backprop" | "torch";

/** Options of {@link serializeModel}. */
export interface SerializeModelOptions {
  /**
   * `"backprop"` (default): dense weights as `[in, out]` (the book's Affine). `"torch"`: as
   * PyTorch's `nn.Linear` stores them, `[out, in]`, so a torch model can load the tensors.
   */
  readonly layout?: WeightLayout;
  /** Element type of floats in the file (default: F32 for float32 models, F64 for float64). */
  readonly dtype?: "F32" | "F64";
}

type LossName = "softmaxCrossEntropy" | "mse" | "sigmoidBce";

interface Architecture {
  readonly layers: readonly LayerConfig[];
  readonly loss: LossName | null;
  readonly weightDecay: number;
}

function lossName(loss: Loss | undefined): LossName | null {
  if (loss === undefined) return null;
  if (loss instanceof SoftmaxCrossEntropy) return "softmaxCrossEntropy";
  if (loss instanceof MeanSquaredError) return "mse";
  if (loss instanceof SigmoidBinaryCrossEntropy) return "sigmoidBce";
  throw new InvalidOptionError({
    op: "serializeModel",
    option: "loss",
    value: loss.constructor.name,
    expected: "a built-in loss",
  });
}

function makeLoss(name: LossName | null): Loss | undefined {
  if (name === "softmaxCrossEntropy") return new SoftmaxCrossEntropy();
  if (name === "mse") return new MeanSquaredError();
  if (name === "sigmoidBce") return new SigmoidBinaryCrossEntropy();
  return undefined;
}

/**
 * A network as safetensors bytes: every parameter, BatchNorm's running statistics
 * (`<name>.running_mean`, `<name>.running_var`), and the architecture in `__metadata__`
 * (`backprop.architecture`), so {@link deserializeModel} rebuilds it from the file alone.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { deserializeModel, multiLayerNet, serializeModel } from "@backprop/layers";
 * const net = multiLayerNet({ inputSize: 4, hiddenSizes: [3], outputSize: 2, batchNorm: true, rng: createRng(0) });
 * const copy = deserializeModel(serializeModel(net));
 * console.log([...copy.params.keys()].length); // 6
 * ```
 */
export function serializeModel(net: Sequential, options: SerializeModelOptions = {}): Uint8Array {
  const { tensors, metadata } = modelToSafetensors(net, options);
  return encodeSafetensors(tensors, metadata);
}

/**
 * The contents of {@link serializeModel}'s file before encoding: the tensors and the metadata.
 * A checkpoint adds its own tensors and metadata keys to these.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { modelToSafetensors, multiLayerNet } from "@backprop/layers";
 * const net = multiLayerNet({ inputSize: 4, hiddenSizes: [3], outputSize: 2, rng: createRng(0) });
 * const { tensors, metadata } = modelToSafetensors(net);
 * console.log([...tensors.keys()], metadata.format); // [ 'affine1.weight', 'affine1.bias', 'affine2.weight', 'affine2.bias' ] backprop
 * ```
 */
export function modelToSafetensors(
  net: Sequential,
  options: SerializeModelOptions = {},
): SafetensorsFile {
  const layout = options.layout ?? "backprop";
  const architecture: Architecture = {
    layers: net.layers.map(layerConfig),
    loss: lossName(net.lossFunction),
    weightDecay: net.weightDecay,
  };
  return {
    tensors: modelTensors(net, options),
    metadata: {
      format: "backprop",
      "backprop.version": "1",
      "backprop.layout": layout,
      "backprop.architecture": JSON.stringify(architecture),
    },
  };
}

/**
 * A copy of a network's state as plain data: every parameter and BatchNorm's running statistics,
 * under the names of the model file. {@link loadModelTensors} puts it back in place — a trainer
 * keeps the best epoch's weights this way.
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { loadModelTensors, modelTensors, multiLayerNet } from "@backprop/layers";
 * const net = multiLayerNet({ inputSize: 4, hiddenSizes: [3], outputSize: 2, batchNorm: true, rng: createRng(0) });
 * const saved = modelTensors(net);
 * loadModelTensors(net, saved); // back to the saved state
 * console.log(saved.has("bn1.running_var")); // true
 * ```
 */
export function modelTensors(
  net: Sequential,
  options: SerializeModelOptions = {},
): Map<string, SafetensorsEntry> {
  const layout = options.layout ?? "backprop";
  const entries = new Map<string, SafetensorsEntry>();
  const add = (name: string, t: Tensor) => {
    const dtype = options.dtype ?? (t.dtype === "float64" ? "F64" : "F32");
    const values = t.dataSync();
    entries.set(name, {
      dtype,
      shape: [...t.shape],
      values: dtype === "F64" ? Float64Array.from(values) : Float32Array.from(values),
    });
  };
  for (const layer of net.layers) {
    for (const [name, value] of layer.params) {
      if (!name.startsWith(`${layer.name}.`)) continue;
      if (layout === "torch" && layer instanceof Dense && name.endsWith(".weight")) {
        const t = transpose(value);
        add(name, t);
        t.dispose();
      } else {
        add(name, value);
      }
    }
    if (layer instanceof BatchNorm) {
      const mean = layer.runningMean;
      const variance = layer.runningVar;
      add(`${layer.name}.running_mean`, mean);
      add(`${layer.name}.running_var`, variance);
      mean.dispose();
      variance.dispose();
    }
  }
  return entries;
}

/** Options of {@link deserializeModel}. */
export interface DeserializeModelOptions {
  /** Name used in error messages (default `"<buffer>"`). */
  readonly file?: string;
  /** Backend of the rebuilt network (default: tensor-core's default). */
  readonly backend?: BackendName;
  /** Source of Dropout masks in the rebuilt network. */
  readonly rng?: Rng;
}

/**
 * Rebuilds a network from {@link serializeModel}'s bytes alone: architecture from the metadata,
 * parameters and running statistics from the tensors. A tensor missing, extra, or of the wrong
 * shape for the architecture is a `FormatError` naming it.
 */
export function deserializeModel(
  bytes: Uint8Array,
  options: DeserializeModelOptions = {},
): Sequential {
  return modelFromSafetensors(
    decodeSafetensors(bytes, { file: options.file ?? "<buffer>" }),
    options,
  );
}

/**
 * {@link deserializeModel} on decoded file contents (a checkpoint passes the model's part of its
 * own file).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { modelFromSafetensors, modelToSafetensors, multiLayerNet } from "@backprop/layers";
 * const net = multiLayerNet({ inputSize: 4, hiddenSizes: [3], outputSize: 2, rng: createRng(0) });
 * console.log(modelFromSafetensors(modelToSafetensors(net)).layers.length); // 3
 * ```
 */
export function modelFromSafetensors(
  contents: SafetensorsFile,
  options: DeserializeModelOptions = {},
): Sequential {
  const file = options.file ?? "<buffer>";
  const { tensors, metadata } = contents;
  if (metadata.format !== "backprop" || metadata["backprop.architecture"] === undefined) {
    throw new FormatError({
      file,
      entry: "__metadata__",
      reason: "not a backprop model (no backprop.architecture in the metadata)",
    });
  }
  let architecture: Architecture;
  try {
    architecture = JSON.parse(metadata["backprop.architecture"]) as Architecture;
  } catch (error) {
    throw new FormatError({
      file,
      entry: "backprop.architecture",
      reason: `invalid JSON (${(error as Error).message})`,
    });
  }
  const layout = (metadata["backprop.layout"] ?? "backprop") as WeightLayout;
  const rebuild = {
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.rng === undefined ? {} : { rng: options.rng }),
  };
  const layers = (architecture.layers ?? []).map((config) => layerFromConfig(config, rebuild));
  const loss = makeLoss(architecture.loss);
  const net = new Sequential(layers, {
    weightDecay: architecture.weightDecay ?? 0,
    ...(loss === undefined ? {} : { loss }),
  });
  loadModelTensors(net, tensors, { file, layout });
  return net;
}

/** Options of {@link loadModelTensors}. */
export interface LoadModelTensorsOptions {
  /** Name used in error messages (default `"<buffer>"`). */
  readonly file?: string;
  /** How dense weights are laid out in `tensors` (default `"backprop"`). */
  readonly layout?: WeightLayout;
}

/**
 * Puts saved tensors ({@link modelTensors}, or a model file's) back into an existing network in
 * place: every parameter and BatchNorm's running statistics, each on the backend of the tensor it
 * replaces. Strict: a tensor missing, extra, or of the wrong shape is a `FormatError` naming it,
 * and nothing is changed then.
 */
export function loadModelTensors(
  net: Sequential,
  tensors: ReadonlyMap<string, SafetensorsEntry>,
  options: LoadModelTensorsOptions = {},
): void {
  const file = options.file ?? "<buffer>";
  const layout = options.layout ?? "backprop";
  const fail = (entry: string, reason: string): never => {
    throw new FormatError({ file, entry, reason });
  };
  // Check everything first, so a bad file changes nothing.
  const wanted = new Map<string, { shape: readonly number[]; transposed: boolean }>();
  for (const layer of net.layers) {
    for (const [name, value] of layer.params) {
      if (!name.startsWith(`${layer.name}.`)) continue;
      const transposed = layout === "torch" && layer instanceof Dense && name.endsWith(".weight");
      wanted.set(name, { shape: value.shape, transposed });
    }
    if (layer instanceof BatchNorm) {
      wanted.set(`${layer.name}.running_mean`, { shape: [layer.features], transposed: false });
      wanted.set(`${layer.name}.running_var`, { shape: [layer.features], transposed: false });
    }
  }
  for (const [name, { shape, transposed }] of wanted) {
    const entry = tensors.get(name);
    if (entry === undefined) fail(name, "missing: the architecture needs this tensor");
    const stored = transposed ? [...shape].reverse() : shape;
    if (entry!.shape.length !== stored.length || entry!.shape.some((d, i) => d !== stored[i]))
      fail(
        name,
        `shape [${entry!.shape.join(", ")}] does not fit the architecture, which needs [${stored.join(", ")}]`,
      );
    if (entry!.dtype !== "F32" && entry!.dtype !== "F64")
      fail(name, `dtype ${entry!.dtype} is not a float`);
  }
  for (const name of tensors.keys())
    if (!wanted.has(name)) fail(name, "this tensor belongs to no layer of the architecture");

  const take = (name: string, like: Tensor): Tensor => {
    const entry = tensors.get(name)!;
    const { shape, transposed } = wanted.get(name)!;
    const stored = transposed ? [...shape].reverse() : shape;
    const t = tensor(entry.values, { shape: stored, dtype: like.dtype, backend: like.backend });
    if (!transposed) return t;
    const back = transpose(t);
    t.dispose();
    return back;
  };
  for (const layer of net.layers) {
    for (const [name, value] of [...layer.params]) {
      if (!name.startsWith(`${layer.name}.`)) continue;
      net.params.set(name, keep(take(name, value)));
      value.dispose();
    }
    if (layer instanceof BatchNorm) {
      const current = layer.runningMean;
      const mean = take(`${layer.name}.running_mean`, current);
      const variance = take(`${layer.name}.running_var`, current);
      layer.setRunningStats(mean, variance);
      dispose([current, mean, variance]);
    }
  }
}

import { InvalidOptionError } from "@backprop/errors";
import type { Sequential } from "@backprop/layers";
import type { TrainableModel } from "./types.js";

/** The model as a layers `Sequential` (whose state can be copied and saved), or a clear error. */
export function asSequential(op: string, model: TrainableModel): Sequential {
  const layers = (model as { layers?: unknown }).layers;
  if (!Array.isArray(layers)) {
    throw new InvalidOptionError({
      op,
      option: "model",
      value: model?.constructor?.name ?? typeof model,
      expected: "a Sequential of @backprop/layers (its weights are copied and saved)",
    });
  }
  return model as unknown as Sequential;
}

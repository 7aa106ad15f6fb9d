import { readFile } from "node:fs/promises";
import { FormatError } from "@backprop/errors";
import { decodeSafetensors, deserializeModel, type Sequential } from "@backprop/layers";
import type { BackendName } from "@backprop/tensor-core";
import { deserializeCheckpoint } from "@backprop/trainer";
import type { TrainSettings } from "./train/settings.js";

/** A network read from a training checkpoint or a plain model file, with the run's settings if any. */
export interface LoadedNetwork {
  readonly model: Sequential;
  readonly settings: TrainSettings | null;
}

/**
 * Reads `last.safetensors`/`best.safetensors` (training checkpoints) or `model.safetensors` (a
 * model file). A missing or unreadable file, or one that is neither, is a `FormatError` naming it.
 */
export async function loadNetwork(file: string, backend: BackendName): Promise<LoadedNetwork> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new FormatError({
      file,
      reason: `cannot be read (${(error as Error).message})`,
      cause: error,
    });
  }
  const { metadata } = decodeSafetensors(bytes, { file });
  if (metadata["backprop.checkpoint"] !== undefined) {
    const checkpoint = deserializeCheckpoint(bytes, { file, backend });
    checkpoint.optimizer.dispose();
    return {
      model: checkpoint.model,
      settings: (checkpoint.config ?? null) as TrainSettings | null,
    };
  }
  return { model: deserializeModel(bytes, { file, backend }), settings: null };
}

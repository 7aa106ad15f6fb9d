// Node-only entry point (`@backprop/trainer/node`): checkpoints on disk, written atomically.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { FormatError } from "@backprop/errors";
import { writeFileAtomic } from "@backprop/layers/node";
import type { CheckpointWriter } from "./callbacks/model-checkpoint.js";
import {
  type CheckpointContents,
  type DeserializeCheckpointOptions,
  deserializeCheckpoint,
  type LoadedCheckpoint,
  serializeCheckpoint,
} from "./checkpoint.js";

/**
 * Saves a training checkpoint to `path` atomically (temporary file, fsync, rename, fsync of the
 * directory): a crash — even SIGKILL in the middle of the write — leaves the previous file or the
 * new one, never a torn one.
 *
 * @example
 * ```ts
 * import { saveCheckpoint } from "@backprop/trainer/node";
 * // after `const result = await fit({ model, optimizer, ... })`:
 * await saveCheckpoint("run/last.safetensors", { model, optimizer, state: result.state });
 * ```
 */
export async function saveCheckpoint(path: string, contents: CheckpointContents): Promise<void> {
  await writeFileAtomic(path, serializeCheckpoint(contents));
}

/**
 * Loads a checkpoint written by {@link saveCheckpoint} or `modelCheckpoint`; a missing or
 * unreadable file is a `FormatError` naming it, as is a damaged one.
 *
 * @example
 * ```ts
 * import { fit } from "@backprop/trainer";
 * import { loadCheckpoint } from "@backprop/trainer/node";
 * const { model, optimizer, state } = await loadCheckpoint("run/last.safetensors");
 * await fit({ model, optimizer, resume: state, train, epochs: 8 }); // continues exactly
 * ```
 */
export async function loadCheckpoint(
  path: string,
  options: Omit<DeserializeCheckpointOptions, "file"> = {},
): Promise<LoadedCheckpoint> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new FormatError({
      file: path,
      reason: `cannot be read (${(error as Error).message})`,
      cause: error,
    });
  }
  return deserializeCheckpoint(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    ...options,
    file: path,
  });
}

/**
 * A {@link CheckpointWriter} into a directory (created when missing), each file written
 * atomically.
 *
 * @example
 * ```ts
 * import { modelCheckpoint } from "@backprop/trainer";
 * import { directoryWriter } from "@backprop/trainer/node";
 * const checkpoints = modelCheckpoint({ writer: directoryWriter("runs/mnist") });
 * ```
 */
export function directoryWriter(dir: string): CheckpointWriter {
  return {
    async write(name: string, bytes: Uint8Array) {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(join(dir, name), bytes);
    },
  };
}

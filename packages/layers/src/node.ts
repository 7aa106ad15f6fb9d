// Node-only entry point (`@backprop/layers/node`): model files on disk, written atomically.
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  type DeserializeModelOptions,
  deserializeModel,
  type SerializeModelOptions,
  serializeModel,
} from "./model-file.js";
import type { Sequential } from "./sequential.js";

/**
 * Writes `data` to `path` atomically: a temporary file in the same directory, fsync, rename,
 * then fsync of the directory. A crash at any point leaves either the old file or the new one,
 * never a half-written file.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dirHandle = await open(dir, "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}

/**
 * Saves a network as a `.safetensors` file (atomically).
 *
 * @example
 * ```ts
 * import { createRng } from "@backprop/random";
 * import { multiLayerNet } from "@backprop/layers";
 * import { loadModel, saveModel } from "@backprop/layers/node";
 * const net = multiLayerNet({ inputSize: 4, hiddenSizes: [3], outputSize: 2, rng: createRng(0) });
 * await saveModel(net, "model.safetensors");
 * const again = await loadModel("model.safetensors");
 * ```
 */
export async function saveModel(
  net: Sequential,
  path: string,
  options: SerializeModelOptions = {},
): Promise<void> {
  await writeFileAtomic(path, serializeModel(net, options));
}

/** Loads a network saved by {@link saveModel}, rebuilt from the file alone. */
export async function loadModel(
  path: string,
  options: Omit<DeserializeModelOptions, "file"> = {},
): Promise<Sequential> {
  const bytes = await readFile(path);
  return deserializeModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    ...options,
    file: path,
  });
}

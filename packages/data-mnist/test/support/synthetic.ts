// Small synthetic MNIST-shaped files for the download tests, with their digests: the tests inject
// them through the { checksums } option, so the real pinned checksums stay the defaults.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { type DatasetChecksums, encodeIdx } from "@backprop/data-mnist";

export const IMAGES = "t10k-images-idx3-ubyte";
export const LABELS = "t10k-labels-idx1-ubyte";

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function syntheticSplit(count = 5) {
  const images = encodeIdx({
    type: "ubyte",
    shape: [count, 28, 28],
    data: Uint8Array.from({ length: count * 784 }, (_, i) => (i * 7) % 256),
  });
  const labels = encodeIdx({
    type: "ubyte",
    shape: [count],
    data: Uint8Array.from({ length: count }, (_, i) => (i * 3) % 10),
  });
  const gz = { images: gzipSync(images), labels: gzipSync(labels) };
  const checksums: DatasetChecksums = {
    [IMAGES]: { gz: [{ algorithm: "sha256", hex: sha256(gz.images), source: "test" }] },
    [LABELS]: { gz: [{ algorithm: "sha256", hex: sha256(gz.labels), source: "test" }] },
  };
  return { images, labels, gz, checksums, labelValues: Array.from(labels.subarray(8)) };
}

/** The names in a directory (none when it does not exist). */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

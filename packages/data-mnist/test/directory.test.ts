import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  CHECKSUMS,
  ChecksumError,
  DatasetNotFoundError,
  DEBIAN_DIRS,
  encodeIdx,
  IdxFormatError,
} from "@backprop/data-mnist";
import { loadDataset, loadLabeledImages } from "@backprop/data-mnist/node";
import { afterAll, describe, expect, it } from "vitest";

const root = mkdtempSync(join(tmpdir(), "backprop-idx-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const images = encodeIdx({
  type: "ubyte",
  shape: [3, 28, 28],
  data: Uint8Array.from({ length: 3 * 784 }, (_, i) => i % 256),
});
const labels = encodeIdx({ type: "ubyte", shape: [3], data: Uint8Array.from([7, 2, 1]) });

function dir(name: string, files: Record<string, Uint8Array>): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(d, file), bytes);
  return d;
}

const noEnv = {};

describe("IDX directories", () => {
  it("loads gzipped or raw files and warns that no checksum is pinned for them", async () => {
    const d = dir("mixed", {
      "t10k-images-idx3-ubyte.gz": gzipSync(images),
      "t10k-labels-idx1-ubyte": labels,
    });
    const warnings: string[] = [];
    const data = await loadDataset({
      name: "mnist",
      split: "test",
      dir: d,
      env: noEnv,
      checksums: {}, // these synthetic files are not the pinned MNIST ones
      warn: (m) => warnings.push(m),
    });
    expect(data.count).toBe(3);
    expect(Array.from(data.labels)).toEqual([7, 2, 1]);
    expect(data.features[1]).toBeCloseTo(1 / 255, 7);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /no published checksum is known for mnist's t10k-images-idx3-ubyte/,
    );
  });

  it("finds $BACKPROP_DATA_DIR/<name>", async () => {
    dir(join("env", "kmnist"), {
      "train-images-idx3-ubyte": images,
      "train-labels-idx1-ubyte": labels,
    });
    const data = await loadLabeledImages({
      name: "kmnist",
      split: "train",
      env: { BACKPROP_DATA_DIR: join(root, "env") },
      warn: () => {},
    });
    expect(data.count).toBe(3);
  });

  it("a directory missing a file: DatasetNotFoundError listing where it looked", async () => {
    const d = dir("half", { "t10k-images-idx3-ubyte": images });
    const cacheDir = join(root, "empty-cache");
    const error = await loadDataset({
      name: "mnist",
      split: "test",
      dir: d,
      env: noEnv,
      cacheDir,
    }).catch((e: unknown) => e);
    expect(DatasetNotFoundError.isInstance(error)).toBe(true);
    expect((error as DatasetNotFoundError).looked).toEqual([d, join(cacheDir, "mnist")]);
    expect((error as Error).message).toMatch(
      /t10k-labels-idx1-ubyte.*download: true.*BACKPROP_DATA_DIR/,
    );
    expect(existsSync(cacheDir)).toBe(false); // looking creates nothing
  });

  it("a corrupt gzip stream is an IdxFormatError; pinned checksums catch wrong content", async () => {
    const broken = gzipSync(labels).subarray(0, 12);
    const d = dir("corrupt", {
      "t10k-images-idx3-ubyte": images,
      "t10k-labels-idx1-ubyte.gz": broken,
    });
    const e1 = await loadDataset({
      name: "mnist",
      split: "test",
      dir: d,
      env: noEnv,
      checksums: {}, // unpinned, so the gzip fault itself surfaces
      warn: () => {},
    }).catch((e: unknown) => e);
    expect(IdxFormatError.isInstance(e1)).toBe(true);
    expect((e1 as Error).message).toMatch(/corrupt gzip stream/);
    const fake = dir("fake-fashion", {
      "t10k-images-idx3-ubyte": images,
      "t10k-labels-idx1-ubyte": labels,
    });
    const e2 = await loadDataset({
      name: "fashion-mnist",
      split: "test",
      dir: fake,
      env: noEnv,
    }).catch((e: unknown) => e);
    expect(ChecksumError.isInstance(e2)).toBe(true);
    expect((e2 as ChecksumError).expected).toBe(
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    );
  });
});

// Debian's dataset-fashion-mnist: `.ci/run` installs it, so under CI=true its absence is a failure.
const debian = DEBIAN_DIRS["fashion-mnist"]!;
const present = existsSync(join(debian, "train-images-idx3-ubyte.gz"));
describe("full Fashion-MNIST (Debian's dataset-fashion-mnist)", () => {
  it.runIf(present || process.env.CI === "true")(
    "loads 60 000 + 10 000 images with the published checksums and 10 balanced classes",
    async () => {
      expect(present, `${debian} is missing: apt-get install dataset-fashion-mnist`).toBe(true);
      for (const [split, count] of [
        ["train", 60_000],
        ["test", 10_000],
      ] as const) {
        const data = await loadLabeledImages({ name: "fashion-mnist", split, env: noEnv });
        expect(data).toMatchObject({ count, rows: 28, cols: 28 });
        const perClass = new Array(10).fill(0);
        for (const l of data.labels) perClass[l]++;
        expect(perClass).toEqual(new Array(10).fill(count / 10));
      }
    },
  );

  it.runIf(present || process.env.CI === "true")(
    "its pins agree: Debian's .gz digests and the decompressed-content sha256 each verify its files",
    async () => {
      expect(present, `${debian} is missing: apt-get install dataset-fashion-mnist`).toBe(true);
      const pins = CHECKSUMS["fashion-mnist"];
      const only = (keep: "gz" | "raw") =>
        Object.fromEntries(
          Object.entries(pins).map(([file, p]) => [
            file,
            keep === "gz" ? { gz: p.gz! } : { raw: p.raw! },
          ]),
        );
      for (const keep of ["gz", "raw"] as const) {
        const data = await loadDataset({
          name: "fashion-mnist",
          split: "test",
          env: noEnv,
          checksums: only(keep),
          warn: (m) => {
            throw new Error(m);
          },
        });
        expect(data.count).toBe(10_000);
      }
    },
  );

  it.runIf(!present && process.env.CI !== "true")(
    "is absent on this machine (apt-get install dataset-fashion-mnist to run the full-size test)",
    () => {
      expect(present).toBe(false);
    },
  );
});

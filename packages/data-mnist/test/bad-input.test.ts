// The loader's bad-input corpus (the parser's own is in idx.test.ts): every case is a typed error
// that names the file, offset, URL or option at fault, and leaves no file behind in the cache.
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  CHECKSUMS,
  ChecksumError,
  DatasetNotFoundError,
  DownloadError,
  encodeIdx,
  IdxFormatError,
} from "@backprop/data-mnist";
import { type LoadDatasetOptions, loadDataset } from "@backprop/data-mnist/node";
import { InvalidOptionError } from "@backprop/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileServer, startFileServer } from "./support/file-server.js";
import { IMAGES, LABELS, listDir, syntheticSplit } from "./support/synthetic.js";

const data = syntheticSplit();
const root = mkdtempSync(join(tmpdir(), "backprop-bad-"));
let server: FileServer;
let closedPort = 0; // a port nothing listens on: taken, then released
beforeAll(async () => {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  closedPort = (probe.address() as AddressInfo).port;
  probe.close();
  server = await startFileServer({
    [`/stall/${IMAGES}.gz`]: { kind: "stall", body: data.gz.images },
    [`/cut/${IMAGES}.gz`]: { kind: "cut", body: data.gz.images, fraction: 0.3 },
    [`/html/${IMAGES}.gz`]: {
      kind: "good",
      body: new TextEncoder().encode("<!DOCTYPE html><p>sign in to the wifi</p>"),
    },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const labelsWith = (values: number[]) =>
  encodeIdx({ type: "ubyte", shape: [values.length], data: Uint8Array.from(values) });

type ErrorClass = { isInstance(e: unknown): boolean; kind: string };
interface Case {
  readonly name: string;
  /** Files of the data directory (`dir`), when the case reads one. */
  readonly files?: Record<string, Uint8Array | "directory">;
  /** Files already in `<cache>/mnist/`. */
  readonly cached?: Record<string, Uint8Array>;
  readonly options?: (ctx: { server: FileServer; cacheDir: string }) => Partial<LoadDatasetOptions>;
  readonly error: ErrorClass;
  readonly words: RegExp;
}

const CORPUS: Case[] = [
  {
    name: "label out of range",
    files: { [IMAGES]: data.images, [LABELS]: labelsWith([1, 2, 10, 3, 4]) },
    error: IdxFormatError,
    words: /t10k-labels-idx1-ubyte at byte 10: label 10 of item 2 is outside 0\.\.9/,
  },
  {
    name: "image/label count mismatch",
    files: { [IMAGES]: data.images, [LABELS]: labelsWith([1, 2, 3]) },
    error: IdxFormatError,
    words: /t10k-labels-idx1-ubyte at byte 4: 3 labels for 5 images/,
  },
  {
    name: "corrupt gzip stream",
    files: { [`${IMAGES}.gz`]: gzipSync(data.images).subarray(0, 40), [LABELS]: data.labels },
    error: IdxFormatError,
    words: /t10k-images-idx3-ubyte\.gz at byte \d+: corrupt gzip stream \(unexpected end of file\)/,
  },
  {
    name: "IDX truncated inside a sound gzip stream",
    files: { [`${IMAGES}.gz`]: gzipSync(data.images.subarray(0, 500)), [LABELS]: data.labels },
    error: IdxFormatError,
    words: /at byte 500: truncated: the header declares 3920 ubyte values/,
  },
  {
    name: "trailing bytes after the declared values (gzipped)",
    files: {
      [`${IMAGES}.gz`]: gzipSync(Uint8Array.from([...data.images, 1, 2, 3])),
      [LABELS]: data.labels,
    },
    error: IdxFormatError,
    words: /at byte 3936: trailing bytes after the 3920 declared values/,
  },
  {
    name: "swapped files (labels where the images should be)",
    files: { [IMAGES]: data.labels, [LABELS]: data.labels },
    error: IdxFormatError,
    words: /t10k-images-idx3-ubyte at byte 2: expected ubyte pixels|expected ubyte images/,
  },
  {
    name: "checksum mismatch (a file that is not the pinned Fashion-MNIST)",
    files: { [IMAGES]: data.images, [LABELS]: data.labels },
    options: () => ({ name: "fashion-mnist", checksums: CHECKSUMS["fashion-mnist"] }), // the real pins
    error: ChecksumError,
    words:
      /t10k-images-idx3-ubyte: sha256 \(decompressed\) [0-9a-f]{64} does not match the published 5b4141f0/,
  },
  {
    name: "partial file in the cache (under the final name)",
    cached: { [`${IMAGES}.gz`]: data.gz.images.subarray(0, 60), [`${LABELS}.gz`]: data.gz.labels },
    error: ChecksumError,
    words: /mnist\/t10k-images-idx3-ubyte\.gz: sha256 \(\.gz\) .* does not match/,
  },
  {
    name: "directory missing a file",
    files: { [IMAGES]: data.images },
    error: DatasetNotFoundError,
    words:
      /Dataset 'mnist \(test: .*t10k-labels-idx1-ubyte\)' not found; looked in: .*download: true/,
  },
  {
    name: "unreadable path (a directory where the file should be)",
    files: { [`${IMAGES}.gz`]: "directory", [LABELS]: data.labels },
    error: DatasetNotFoundError,
    words:
      /t10k-images-idx3-ubyte\.gz.*cannot be read \(EISDIR: a directory stands where the file should be\)/,
  },
  {
    name: "HTTP 404",
    options: ({ server }) => ({ download: true, mirrors: [server.base("nowhere")] }),
    error: DownloadError,
    words:
      /Download of http:\/\/127\.0\.0\.1:\d+\/nowhere\/t10k-images-idx3-ubyte\.gz failed: HTTP 404/,
  },
  {
    name: "timeout",
    options: ({ server }) => ({ download: true, mirrors: [server.base("stall")], timeoutMs: 200 }),
    error: DownloadError,
    words: /stall\/t10k-images-idx3-ubyte\.gz failed: timed out: no data for 200 ms/,
  },
  {
    name: "download cut before its Content-Length",
    options: ({ server }) => ({ download: true, mirrors: [server.base("cut")] }),
    error: DownloadError,
    words: /cut\/t10k-images-idx3-ubyte\.gz failed: (the connection broke|truncated)/,
  },
  {
    name: "a 200 page that is not the file (captive portal)",
    options: ({ server }) => ({ download: true, mirrors: [server.base("html")] }),
    error: DownloadError,
    words: /not gzip \(they start "<!DOCTYPE html><"\); it is not serving the dataset file/,
  },
  {
    name: "connection refused",
    options: () => ({ download: true, mirrors: [`http://127.0.0.1:${closedPort}/`] }),
    error: DownloadError,
    words: /t10k-images-idx3-ubyte\.gz failed: cannot connect \(ECONNREFUSED\)/,
  },
  {
    name: "a cache directory that cannot be created",
    options: ({ cacheDir }) => {
      writeFileSync(cacheDir, "a file in the way");
      return { download: true, mirrors: [server.base("nowhere")] };
    },
    error: InvalidOptionError,
    words:
      /Option 'cacheDir' of 'loadDataset' must be a directory that can be created.*(ENOTDIR|EEXIST)/,
  },
  {
    name: "an unknown dataset name",
    options: () => ({ name: "cifar10" as never }),
    error: InvalidOptionError,
    words:
      /Option 'name' of 'loadDataset' must be one of "mnist", "fashion-mnist", "kmnist"; got "cifar10"/,
  },
];

describe("loader bad-input corpus: typed errors, nothing left in the cache", () => {
  it("has at least 16 cases (30 with the parser's 14)", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(16);
  });

  for (const [i, c] of CORPUS.entries()) {
    it(c.name, async () => {
      const dir = join(root, `dir-${i}`);
      const cacheDir = join(root, `cache-${i}`);
      mkdirSync(dir, { recursive: true });
      for (const [name, bytes] of Object.entries(c.files ?? {})) {
        if (bytes === "directory") mkdirSync(join(dir, name));
        else writeFileSync(join(dir, name), bytes);
      }
      if (c.cached !== undefined) {
        mkdirSync(join(cacheDir, "mnist"), { recursive: true });
        for (const [name, bytes] of Object.entries(c.cached))
          writeFileSync(join(cacheDir, "mnist", name), bytes);
      }
      const options: LoadDatasetOptions = {
        name: "mnist",
        split: "test",
        env: {},
        cacheDir,
        warn: () => {},
        // A data directory's synthetic files are unpinned; downloads and the cache check theirs.
        ...(c.files === undefined ? { checksums: data.checksums } : { dir, checksums: {} }),
        ...c.options?.({ server, cacheDir }),
      };
      const error = await loadDataset(options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(c.error.isInstance(error), `expected a ${c.error.kind}, got ${String(error)}`).toBe(
        true,
      );
      expect((error as Error).message).toMatch(c.words);
      // Nothing half-written or failed stays in the cache: no temp file, no bad file.
      const left = listDir(join(cacheDir, "mnist"));
      expect(left.filter((n) => n.endsWith(".partial") || n.endsWith(".lock"))).toEqual([]);
      expect(left.filter((n) => n.startsWith(IMAGES))).toEqual([]);
    });
  }
});

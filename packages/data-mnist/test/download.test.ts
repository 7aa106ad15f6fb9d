// Downloads into the cache, against a local HTTP server on 127.0.0.1 (no real network): mirror
// fallback, truncated, corrupted and slow files, unpinned files, stray temp files, a process
// killed mid-download and two processes filling one cache at once.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CHECKSUMS,
  ChecksumError,
  DatasetNotFoundError,
  DEBIAN_DIRS,
  DownloadError,
} from "@backprop/data-mnist";
import { type LoadDatasetOptions, loadDataset, loadLabeledImages } from "@backprop/data-mnist/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChild } from "./support/child.js";
import { type FileServer, startFileServer } from "./support/file-server.js";
import { IMAGES, LABELS, listDir, syntheticSplit } from "./support/synthetic.js";

const data = syntheticSplit();
const corrupt = Uint8Array.from(data.gz.images);
corrupt[corrupt.length >> 1]! ^= 0xff; // still gzip-shaped, wrong content
const routes = (prefix: string, images: Parameters<typeof startFileServer>[0][string]) => ({
  [`/${prefix}/${IMAGES}.gz`]: images,
  [`/${prefix}/${LABELS}.gz`]: { kind: "good", body: data.gz.labels } as const,
});

let server: FileServer;
const root = mkdtempSync(join(tmpdir(), "backprop-download-"));
beforeAll(async () => {
  server = await startFileServer({
    ...routes("good", { kind: "good", body: data.gz.images }),
    ...routes("again", { kind: "good", body: data.gz.images }),
    ...routes("cut", { kind: "cut", body: data.gz.images, fraction: 0.5 }),
    ...routes("short", { kind: "good", body: data.gz.images.subarray(0, 100) }),
    ...routes("corrupt", { kind: "good", body: corrupt }),
    ...routes("slow", { kind: "stall", body: data.gz.images }),
    ...routes("stall-half", { kind: "stall-half", body: data.gz.images }),
    ...routes("after-kill", { kind: "good", body: data.gz.images }),
    ...routes("delayed", { kind: "good", body: data.gz.images, delayMs: 400 }),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

let caches = 0;
function freshCache(): string {
  caches += 1;
  return join(root, `cache-${caches}`);
}

function loader(cacheDir: string, warnings: string[] = []) {
  return (mirrors: string[], extra: Partial<LoadDatasetOptions> = {}) =>
    loadLabeledImages({
      name: "mnist",
      split: "test",
      download: true,
      env: {},
      cacheDir,
      mirrors,
      checksums: data.checksums,
      timeoutMs: 10_000,
      warn: (m) => warnings.push(m),
      ...extra,
    });
}

const url = (prefix: string, file = IMAGES) => `${server.base(prefix)}${file}.gz`;
const cached = [`${IMAGES}.gz`, `${LABELS}.gz`];

describe("downloads into the cache", () => {
  it("falls back to the next mirror after a 404, caches, and reads the cache next time", async () => {
    const cacheDir = freshCache();
    const warnings: string[] = [];
    const pair = await loader(cacheDir, warnings)([server.base("missing"), server.base("good")]);
    expect(pair.count).toBe(5);
    expect(Array.from(pair.labels)).toEqual(data.labelValues);
    expect(warnings.join("\n")).toContain(`${url("missing")} failed: HTTP 404`);
    expect(listDir(join(cacheDir, "mnist"))).toEqual(cached);
    const before = server.requests.get(`/good/${IMAGES}.gz`);
    const again = await loader(cacheDir)([], { download: false });
    expect(again.count).toBe(5);
    expect(server.requests.get(`/good/${IMAGES}.gz`)).toBe(before);
  });

  it("a connection cut mid-file is a DownloadError naming the URL; nothing is cached", async () => {
    const cacheDir = freshCache();
    const error = await loader(cacheDir)([server.base("cut")]).catch((e: unknown) => e);
    expect(DownloadError.isInstance(error), String(error)).toBe(true);
    expect((error as DownloadError).url).toBe(url("cut"));
    expect((error as Error).message).toMatch(/connection broke after \d+ bytes|truncated/);
    expect(listDir(join(cacheDir, "mnist"))).toEqual([]);
  });

  it("a short file with an honest length fails its checksum; nothing is cached", async () => {
    const cacheDir = freshCache();
    const error = await loader(cacheDir)([server.base("short")]).catch((e: unknown) => e);
    expect(ChecksumError.isInstance(error), String(error)).toBe(true);
    expect((error as ChecksumError).file).toBe(url("short"));
    expect(listDir(join(cacheDir, "mnist"))).toEqual([]);
  });

  it("a corrupted file is a ChecksumError and is not cached; the next mirror then serves it", async () => {
    const cacheDir = freshCache();
    const error = await loader(cacheDir)([server.base("corrupt")]).catch((e: unknown) => e);
    expect(ChecksumError.isInstance(error), String(error)).toBe(true);
    expect((error as ChecksumError).expected).toContain(data.checksums[IMAGES]!.gz![0]!.hex);
    expect(listDir(join(cacheDir, "mnist"))).toEqual([]);
    const warnings: string[] = [];
    const pair = await loader(cacheDir, warnings)([server.base("corrupt"), server.base("good")]);
    expect(pair.count).toBe(5);
    expect(warnings.join("\n")).toMatch(/corrupt\/t10k-images-idx3-ubyte\.gz: .*sha256 \(\.gz\)/);
    expect(listDir(join(cacheDir, "mnist"))).toEqual(cached);
  });

  it("a server that stalls: a timeout naming the URL, then the next mirror", async () => {
    const cacheDir = freshCache();
    const error = await loader(cacheDir)([server.base("slow")], { timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(DownloadError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toContain(`Download of ${url("slow")} failed: timed out`);
    expect(listDir(join(cacheDir, "mnist"))).toEqual([]);
    const warnings: string[] = [];
    // A roomier timeout here: the good mirror must answer within it even on a loaded machine.
    const pair = await loader(cacheDir, warnings)([server.base("slow"), server.base("good")], {
      timeoutMs: 1500,
    });
    expect(pair.count).toBe(5);
    expect(warnings.join("\n")).toContain(`${url("slow")} failed: timed out: no data for 1500 ms`);
  });

  it("every mirror failing: a DownloadError listing each one", async () => {
    const error = await loader(freshCache())([
      server.base("missing"),
      server.base("corrupt"),
    ]).catch((e: unknown) => e);
    expect(DownloadError.isInstance(error), String(error)).toBe(true);
    const e = error as DownloadError;
    expect(e.attempts.map((a) => a.url)).toEqual([url("missing"), url("corrupt")]);
    expect(DownloadError.isInstance(e.attempts[0]!.error)).toBe(true);
    expect(ChecksumError.isInstance(e.attempts[1]!.error)).toBe(true);
    expect(e.message).toMatch(/all 2 mirrors failed.*HTTP 404.*does not match/);
  });

  it("a file with no known checksum loads with a warning that says so", async () => {
    const warnings: string[] = [];
    const pair = await loader(freshCache(), warnings)([server.base("good")], {
      checksums: { [IMAGES]: data.checksums[IMAGES]! },
    });
    expect(pair.count).toBe(5);
    expect(warnings).toEqual([
      expect.stringMatching(
        /t10k-labels-idx1-ubyte\.gz: no published checksum is known for mnist's t10k-labels-idx1-ubyte; loading it unverified/,
      ),
    ]);
  });

  it("a stray temp file is never read, and the next download removes it", async () => {
    const cacheDir = freshCache();
    const dir = join(cacheDir, "mnist");
    mkdirSync(dir, { recursive: true });
    const stray = `.${IMAGES}.gz.4242-1.partial`;
    writeFileSync(join(dir, stray), data.gz.images.subarray(0, 50));
    const error = await loader(cacheDir)([], { download: false }).catch((e: unknown) => e);
    expect(DatasetNotFoundError.isInstance(error), String(error)).toBe(true);
    expect((await loader(cacheDir)([server.base("again")])).count).toBe(5);
    expect(listDir(dir)).toEqual(cached);
  });
});

// Debian's dataset-fashion-mnist: `.ci/run` installs it, so under CI=true its absence fails.
const debian = DEBIAN_DIRS["fashion-mnist"]!;
const haveDebian = existsSync(join(debian, "t10k-labels-idx1-ubyte.gz"));
describe("a real dataset through a local mirror", () => {
  it.runIf(haveDebian || process.env.CI === "true")(
    "Fashion-MNIST's real test files, downloaded and verified against its pinned digests",
    async () => {
      expect(haveDebian, `${debian} is missing: apt-get install dataset-fashion-mnist`).toBe(true);
      const mirror = await startFileServer(
        Object.fromEntries(
          [IMAGES, LABELS].map((f) => [
            `/fashion/${f}.gz`,
            { kind: "good", body: readFileSync(join(debian, `${f}.gz`)) } as const,
          ]),
        ),
      );
      try {
        const cacheDir = freshCache();
        // Under the name "mnist" (with Fashion-MNIST's pins), so that Debian's directory, which
        // loadDataset searches before the cache, does not answer first.
        const test = await loadDataset({
          name: "mnist",
          checksums: CHECKSUMS["fashion-mnist"],
          split: "test",
          download: true,
          mirrors: [mirror.base("fashion")],
          cacheDir,
          env: {},
          warn: (m) => {
            throw new Error(`unexpected warning: ${m}`);
          },
        });
        expect(test.count).toBe(10_000);
        expect(listDir(join(cacheDir, "mnist"))).toEqual(cached);
        expect(mirror.completed.get(`/fashion/${IMAGES}.gz`)).toBe(1);
      } finally {
        await mirror.close();
      }
    },
  );
});

describe("the cache across processes", () => {
  it("a process killed (SIGKILL) mid-download leaves nothing that is read later", async () => {
    const cacheDir = freshCache();
    const dir = join(cacheDir, "mnist");
    const child = startChild({
      load: { cacheDir, mirrors: [server.base("stall-half")], checksums: data.checksums },
    });
    await server.stalled();
    // Wait (bounded) until the child has written the half it received to its temp file.
    const partial = () => listDir(dir).find((n) => n.endsWith(".partial"));
    for (let i = 0; i < 200 && !(partial() && statSync(join(dir, partial()!)).size > 0); i++)
      await sleep(25);
    expect(partial(), `no temp file in ${dir}: ${listDir(dir)}`).toBeDefined();
    child.process.kill("SIGKILL");
    expect(await child.exited).toBe("SIGKILL");
    expect(listDir(dir)).not.toContain(`${IMAGES}.gz`);
    // The half-written file is not a cached file...
    const missing = await loader(cacheDir)([], { download: false }).catch((e: unknown) => e);
    expect(DatasetNotFoundError.isInstance(missing), String(missing)).toBe(true);
    // ...and the next download takes over the dead process's lock once it is stale, and cleans up.
    const pair = await loader(cacheDir)([server.base("after-kill")], { lockStaleMs: 2000 });
    expect(pair.count).toBe(5);
    expect(listDir(dir)).toEqual(cached);
  });

  it("two processes loading into one empty cache at once: both succeed, one download each file", async () => {
    const cacheDir = freshCache();
    const load = { cacheDir, mirrors: [server.base("delayed")], checksums: data.checksums };
    const children = [startChild({ load, waitForGo: true }), startChild({ load, waitForGo: true })];
    for (const c of children) expect(await c.next()).toEqual({ ready: true });
    for (const c of children) c.process.stdin!.write("go\n");
    const results = await Promise.all(children.map((c) => c.next()));
    for (const [i, r] of results.entries())
      expect(r, children[i]!.stderr()).toEqual({ ok: true, count: 5, labels: data.labelValues });
    expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0]);
    expect(server.requests.get(`/delayed/${IMAGES}.gz`)).toBe(1);
    expect(server.requests.get(`/delayed/${LABELS}.gz`)).toBe(1);
    expect(server.completed.get(`/delayed/${IMAGES}.gz`)).toBe(1);
    expect(listDir(join(cacheDir, "mnist"))).toEqual(cached);
  });
});

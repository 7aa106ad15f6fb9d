// The browser path of the main entry (web APIs only: DecompressionStream, crypto.subtle, Response),
// run under Node, which has all three; and a check that the main entry never imports a Node module.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import {
  CHECKSUMS,
  ChecksumError,
  DEBIAN_DIRS,
  DownloadError,
  encodeIdx,
  fetchDataset,
  IdxFormatError,
  loadIdxPair,
  parseIdx,
} from "@backprop/data-mnist";
import { loadDataset } from "@backprop/data-mnist/node";
import { fc, test } from "@fast-check/vitest";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileServer, startFileServer } from "./support/file-server.js";
import { IMAGES, LABELS, sha256, syntheticSplit } from "./support/synthetic.js";

fc.configureGlobal({ seed: 1321, numRuns: 100 });

const data = syntheticSplit();
const debian = DEBIAN_DIRS["fashion-mnist"]!;
const debianFile = (f: string) => readFileSync(join(debian, `${f}.gz`));
const haveDebian = (() => {
  try {
    debianFile("t10k-labels-idx1-ubyte");
    return true;
  } catch {
    return false;
  }
})();

let server: FileServer;
beforeAll(async () => {
  const fashion = haveDebian
    ? {
        "/fashion/t10k-images-idx3-ubyte.gz": {
          kind: "good",
          body: debianFile("t10k-images-idx3-ubyte"),
        } as const,
        "/fashion/t10k-labels-idx1-ubyte.gz": {
          kind: "good",
          body: debianFile("t10k-labels-idx1-ubyte"),
        } as const,
      }
    : {};
  server = await startFileServer({
    [`/good/${IMAGES}.gz`]: { kind: "good", body: data.gz.images },
    [`/good/${LABELS}.gz`]: { kind: "good", body: data.gz.labels },
    [`/slow/${IMAGES}.gz`]: { kind: "stall", body: data.gz.images },
    ...fashion,
  });
});
afterAll(() => server.close());

describe("loadIdxPair (bytes in memory, web APIs only)", () => {
  it("reads an ArrayBuffer, a Uint8Array or a Response, gzipped or raw, like parseIdx", async () => {
    const expected = parseIdx(data.images).data;
    const body = (b: Uint8Array) => new Response(b as Uint8Array<ArrayBuffer>);
    const sources = [data.images.buffer as ArrayBuffer, data.gz.images, body(data.gz.images)];
    for (const images of sources) {
      const pair = await loadIdxPair({ images, labels: body(data.labels) });
      expect(pair).toMatchObject({ count: 5, rows: 28, cols: 28 });
      expect(Array.from(pair.images)).toEqual(Array.from(expected));
      expect(Array.from(pair.labels)).toEqual(data.labelValues);
    }
  });

  it("checks pinned digests: a .gz sha256, a .gz md5 (KMNIST's kind), or the content's sha256", async () => {
    const md5 = createHash("md5").update(data.gz.images).digest("hex");
    for (const images of [
      { gz: [{ algorithm: "sha256", hex: sha256(data.gz.images), source: "t" }] },
      { gz: [{ algorithm: "md5", hex: md5, source: "t" }] },
      // A recompressed copy: its .gz matches no pin, so the content's sha256 decides.
      { gz: [{ algorithm: "sha256", hex: "0".repeat(64), source: "t" }], raw: sha256(data.images) },
    ] as const) {
      const pair = await loadIdxPair({
        images: data.gz.images,
        labels: data.labels,
        checksums: { images },
      });
      expect(pair.count).toBe(5);
    }
    const wrong = await loadIdxPair({
      images: data.gz.images,
      labels: data.labels,
      names: { images: "t10k-images-idx3-ubyte.gz" },
      checksums: { images: { gz: [{ algorithm: "md5", hex: "0".repeat(32), source: "t" }] } },
    }).catch((e: unknown) => e);
    expect(ChecksumError.isInstance(wrong), String(wrong)).toBe(true);
    expect((wrong as Error).message).toMatch(
      /^t10k-images-idx3-ubyte\.gz: md5 \(\.gz\) [0-9a-f]{32}/,
    );
  });

  it("a corrupt or truncated gzip stream is an IdxFormatError; a failed Response a DownloadError", async () => {
    const flipped = Uint8Array.from(data.gz.images);
    flipped[20]! ^= 0xff;
    for (const images of [flipped, data.gz.images.subarray(0, data.gz.images.length - 9)]) {
      const e = await loadIdxPair({ images, labels: data.labels }).catch((x: unknown) => x);
      expect(IdxFormatError.isInstance(e), String(e)).toBe(true);
      expect((e as Error).message).toMatch(/^images: corrupt gzip stream/);
    }
    const notFound = new Response("no", { status: 404, statusText: "Not Found" });
    const e = await loadIdxPair({ images: notFound, labels: data.labels }).catch((x: unknown) => x);
    expect(DownloadError.isInstance(e)).toBe(true);
    expect((e as DownloadError).status).toBe(404);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 400 })])(
    "the TypeScript md5 agrees with node:crypto's (the oracle) on files of every length",
    async (values) => {
      const n = values.length;
      const labels = gzipSync(
        encodeIdx({ type: "ubyte", shape: [n], data: Uint8Array.from(values) }),
      );
      const images = encodeIdx({ type: "ubyte", shape: [n, 1, 1], data: new Uint8Array(n) });
      const hex = createHash("md5").update(labels).digest("hex");
      const pin = (h: string) =>
        ({ labels: { gz: [{ algorithm: "md5", hex: h, source: "t" }] } }) as const;
      const pair = await loadIdxPair({ images, labels, checksums: pin(hex) });
      expect(Array.from(pair.labels)).toEqual(values);
      const off = `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`;
      const e = await loadIdxPair({ images, labels, checksums: pin(off) }).catch((x: unknown) => x);
      expect(ChecksumError.isInstance(e)).toBe(true);
      expect((e as ChecksumError).actual).toBe(hex);
    },
  );
});

describe("fetchDataset (fetch + the browser path)", () => {
  it("loads a split from a base URL, bit-identical to the Node loader", async () => {
    const web = await fetchDataset({
      baseUrl: server.base("good"),
      name: "mnist",
      split: "test",
      checksums: data.checksums,
    });
    expect(web.count).toBe(5);
    expect(Array.from(web.labels)).toEqual(data.labelValues);
    const dir = mkdtempSync(join(tmpdir(), "backprop-web-"));
    writeFileSync(join(dir, `${IMAGES}.gz`), data.gz.images);
    writeFileSync(join(dir, `${LABELS}.gz`), data.gz.labels);
    const node = await loadDataset({
      name: "mnist",
      split: "test",
      dir,
      checksums: data.checksums,
      env: {},
    });
    rmSync(dir, { recursive: true });
    expect(web.features.every((v, i) => v === node.features[i])).toBe(true);
  });

  it("warns about a file with no pinned checksum; HTTP errors and timeouts name the URL", async () => {
    const warnings: string[] = [];
    await fetchDataset({
      baseUrl: server.base("good"),
      name: "mnist",
      split: "test",
      checksums: { [IMAGES]: data.checksums[IMAGES]! },
      warn: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([
      expect.stringMatching(/t10k-labels-idx1-ubyte\.gz: no published checksum is known for mnist/),
    ]);
    const notFound = await fetchDataset({
      baseUrl: server.base("nothing"),
      name: "mnist",
      split: "test",
    }).catch((e: unknown) => e);
    expect(DownloadError.isInstance(notFound)).toBe(true);
    expect((notFound as DownloadError).url).toBe(`${server.base("nothing")}${IMAGES}.gz`);
    expect((notFound as DownloadError).status).toBe(404);
    const slow = await fetchDataset({
      baseUrl: server.base("slow"),
      name: "mnist",
      split: "test",
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect(DownloadError.isInstance(slow)).toBe(true);
    expect((slow as Error).message).toContain(
      `${server.base("slow")}${IMAGES}.gz failed: timed out`,
    );
  });

  // Debian's dataset-fashion-mnist: `.ci/run` installs it, so under CI=true its absence fails.
  it.runIf(haveDebian || process.env.CI === "true")(
    "real Fashion-MNIST test split over HTTP, verified by Debian's pinned .gz digests",
    async () => {
      expect(haveDebian, `${debian} is missing: apt-get install dataset-fashion-mnist`).toBe(true);
      const test = await fetchDataset({
        baseUrl: server.base("fashion"),
        name: "fashion-mnist",
        split: "test",
        warn: (m) => {
          throw new Error(m);
        },
      });
      expect(test.count).toBe(10_000);
      expect(CHECKSUMS["fashion-mnist"][IMAGES]?.gz?.length).toBe(2);
    },
  );
});

describe("the main entry is free of Node modules", () => {
  const src = fileURLToPath(new URL("../src", import.meta.url));
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const isNode = (s: string) => s.startsWith("node:") || builtins.has(s.split("/")[0]!);

  /** Every module the index reaches through static imports and re-exports, with its imports. */
  function graph(): Map<string, { static: string[]; dynamic: string[] }> {
    const seen = new Map<string, { static: string[]; dynamic: string[] }>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      const sf = ts.createSourceFile(
        file,
        readFileSync(file, "utf8"),
        ts.ScriptTarget.ES2022,
        true,
      );
      const entry = { static: [] as string[], dynamic: [] as string[] };
      seen.set(file, entry);
      const walk = (node: ts.Node) => {
        if (
          (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
          node.moduleSpecifier !== undefined &&
          ts.isStringLiteral(node.moduleSpecifier)
        )
          entry.static.push(node.moduleSpecifier.text);
        if (
          ts.isCallExpression(node) &&
          node.expression.kind === ts.SyntaxKind.ImportKeyword &&
          node.arguments[0] !== undefined &&
          ts.isStringLiteral(node.arguments[0])
        )
          entry.dynamic.push(node.arguments[0].text);
        ts.forEachChild(node, walk);
      };
      walk(sf);
      for (const spec of entry.static)
        if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
    };
    visit(join(src, "index.ts"));
    return seen;
  }

  it("no module reachable from src/index.ts statically imports node:* (or a Node builtin)", () => {
    const modules = graph();
    expect(modules.size).toBeGreaterThan(15);
    expect(modules.has(join(src, "fetch-dataset.ts"))).toBe(true);
    expect(modules.has(join(src, "node.ts"))).toBe(false);
    const offenders = [...modules].flatMap(([file, { static: s }]) =>
      s.filter(isNode).map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the only dynamic Node imports are the embedded digits' Node-guarded fast path", () => {
    const dynamic = [...graph()].flatMap(([file, { dynamic: d }]) =>
      d.filter(isNode).map((spec) => `${file.slice(src.length + 1)}: ${spec}`),
    );
    // loadEmbeddedMnist reads the mnist package's JSON from disk when (and only when) it runs in
    // Node; elsewhere it imports the JSON modules. No other module may touch Node.
    expect(dynamic.sort()).toEqual(["embedded.ts: node:fs/promises", "embedded.ts: node:module"]);
  });
});

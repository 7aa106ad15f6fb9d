import type { FileChecksums } from "./checksums.js";
import { type DecodedIdx, decodeIdxChunks } from "./idx-stream.js";
import { type ComputedDigests, gzAlgorithms, verifyDigests } from "./verify-digests.js";
import { digestHex } from "./web-digest.js";
import { gunzipChunks, isGzip } from "./web-gunzip.js";

/**
 * Verifies and decodes one IDX file held in memory, with web APIs only (the browser path): the
 * same rule as the Node loader (`verifyDigests`): a pinned `.gz` digest, else the pinned sha256 of
 * the content, else `"unverified"` for the caller to warn about.
 */
export async function decodeVerified(options: {
  readonly bytes: Uint8Array;
  readonly file: string;
  readonly pins: FileChecksums | undefined;
  readonly as: "raw" | "unit";
}): Promise<{ decoded: DecodedIdx; verdict: "verified" | "unverified" }> {
  const { bytes, file, pins } = options;
  const gzipped = isGzip(bytes);
  const gzEntries = gzipped
    ? await Promise.all(
        gzAlgorithms(pins).map(async (a) => [a, await digestHex(a, bytes)] as const),
      )
    : [];
  let digests: ComputedDigests = { gz: Object.fromEntries(gzEntries) };
  let verdict = verifyDigests({ file, pins, gzipped, digests });
  // Only when no .gz digest vouches for the file are its decompressed bytes kept and hashed.
  const kept: Uint8Array[] | undefined = verdict === "need-raw" ? [] : undefined;
  const chunks = gzipped ? gunzipChunks(bytes, file) : once(bytes);
  const decoded = await decodeIdxChunks(chunks, {
    file,
    as: options.as,
    ...(kept === undefined ? {} : { observe: (c: Uint8Array) => kept.push(c.slice()) }),
  });
  if (kept !== undefined) {
    digests = { ...digests, raw: await digestHex("sha256", concatAll(kept)) };
    verdict = verifyDigests({ file, pins, gzipped, digests });
  }
  return { decoded, verdict: verdict === "verified" ? "verified" : "unverified" };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

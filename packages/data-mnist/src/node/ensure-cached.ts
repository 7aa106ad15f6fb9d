import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { BackpropError, InvalidOptionError } from "@backprop/errors";
import type { FileChecksums } from "../checksums.js";
import { type DownloadAttempt, DownloadError } from "../download-error.js";
import { gzAlgorithms, verifyDigests } from "../verify-digests.js";
import { commit, discard, removeStrayTemps } from "./atomic-file.js";
import { downloadToTemp } from "./download-file.js";
import { withFileLock } from "./file-lock.js";
import { contentSha256 } from "./read-idx-file.js";

/** Options of {@link ensureCached}. */
export interface EnsureCachedOptions {
  /** `<cacheDir>/<dataset>/` holds the file. */
  readonly cacheDir: string;
  readonly dataset: string;
  /** The file's name without `.gz`, e.g. `"t10k-labels-idx1-ubyte"`. */
  readonly file: string;
  /** Base URLs tried in order; the file's URL is the base + `<file>.gz`. */
  readonly mirrors: readonly string[];
  readonly pins: FileChecksums | undefined;
  readonly timeoutMs: number;
  readonly lockStaleMs: number;
  readonly lockWaitMs: number;
  readonly fetch: typeof globalThis.fetch;
  readonly warn: (message: string) => void;
}

/**
 * The path of `<cache>/<dataset>/<file>.gz`, downloading it first when it is not there: under an
 * inter-process lock (so concurrent processes download it once), into a temp file in the same
 * directory that is verified (pinned `.gz` digest, else the pinned content sha256, and always a
 * complete gzip stream), fsynced and renamed into place. A mirror that fails — HTTP error,
 * timeout, truncation, checksum mismatch — is reported through `warn` and the next one is tried.
 * When every mirror fails, the one failure (a single mirror) or a {@link DownloadError} listing
 * them all is thrown, and nothing is left in the cache.
 */
export async function ensureCached(options: EnsureCachedOptions): Promise<string> {
  const dir = join(options.cacheDir, options.dataset);
  const final = join(dir, `${options.file}.gz`);
  if (await isFile(final)) return final;
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw new InvalidOptionError({
      op: "loadDataset",
      option: "cacheDir",
      value: options.cacheDir,
      expected: `a directory that can be created and written (${(error as { code?: string }).code ?? String(error)}); pass another { cacheDir } or set BACKPROP_CACHE_DIR`,
      cause: error,
    });
  });
  const lock = {
    staleMs: options.lockStaleMs,
    waitMs: options.lockWaitMs,
    onLost: options.warn,
  };
  return withFileLock(final, lock, async () => {
    if (await isFile(final)) return final; // another process fetched it while this one waited
    await removeStrayTemps(final);
    const attempts: DownloadAttempt[] = [];
    for (const [i, mirror] of options.mirrors.entries()) {
      const url = new URL(`${options.file}.gz`, mirror.endsWith("/") ? mirror : `${mirror}/`).href;
      try {
        await downloadVerified(url, final, options);
        return final;
      } catch (error) {
        attempts.push({ url, error: error as Error });
        if (i + 1 < options.mirrors.length)
          options.warn(`${url}: ${(error as Error).message} — trying the next mirror`);
      }
    }
    if (attempts.length === 1) throw attempts[0]!.error;
    throw new DownloadError({
      url: attempts.at(-1)?.url ?? final,
      reason:
        attempts.length === 0 ? "no mirror is configured" : `all ${attempts.length} mirrors failed`,
      attempts,
      cause: attempts.at(-1)?.error,
    });
  }).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code === "ELOCKED")
      throw new DownloadError({
        url: final,
        reason: `another process has held the lock ${final}.lock for over ${options.lockWaitMs} ms`,
        hint: "Wait for it to finish, or delete that .lock directory if no other process is downloading.",
        cause: error,
      });
    if (typeof code === "string" && !BackpropError.isInstance(error))
      throw new InvalidOptionError({
        op: "loadDataset",
        option: "cacheDir",
        value: options.cacheDir,
        expected: `a directory this process can write (locking ${final} failed: ${code}); pass another { cacheDir } or set BACKPROP_CACHE_DIR`,
        cause: error,
      });
    throw error;
  });
}

async function downloadVerified(
  url: string,
  final: string,
  options: EnsureCachedOptions,
): Promise<void> {
  const got = await downloadToTemp({
    url,
    final,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
    algorithms: gzAlgorithms(options.pins),
  });
  try {
    const digests = { gz: got.digests };
    const verdict = verifyDigests({ file: url, pins: options.pins, gzipped: true, digests });
    if (verdict !== "verified") {
      // No .gz pin vouches for it: the content must decompress completely (and match its pin).
      const raw = await contentSha256(got.temp.path);
      verifyDigests({ file: url, pins: options.pins, gzipped: true, digests: { ...digests, raw } });
    }
    await commit(got.temp, final);
  } catch (error) {
    await discard(got.temp);
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

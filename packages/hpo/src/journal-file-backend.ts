import { randomUUID } from "node:crypto";
import { type FileHandle, open, rename, symlink, unlink } from "node:fs/promises";
import { InvalidOptionError } from "@backprop/errors";
import type {
  JournalBackend,
  JournalLine,
  JournalNotice,
  JournalReadResult,
} from "./journal-backend.js";
import { JournalLockError } from "./journal-lock-error.js";
import { parseJsonLine } from "./python-json.js";
import { StorageError } from "./storage-error.js";

/**
 * Options of {@link JournalFileBackend}.
 *
 * @example
 * ```ts
 * import { JournalFileBackend, type JournalFileBackendOptions } from "@backprop/hpo";
 * const options: JournalFileBackendOptions = { lock: "open", lockTimeout: 10 };
 * console.log(new JournalFileBackend("study.jsonl", options).lockFile); // study.jsonl.lock
 * ```
 */
export interface JournalFileBackendOptions {
  /**
   * How `<journal>.lock` is created exclusively: `"symlink"` (a symbolic link to the journal,
   * Optuna 3.1's default JournalFileSymlinkLock) or `"open"` (a file opened with `O_EXCL`,
   * JournalFileOpenLock). Both use the same path, so either excludes the other. Default
   * `"symlink"`.
   */
  readonly lock?: "symlink" | "open";
  /**
   * Seconds to wait for the lock before a `JournalLockError` (Optuna waits forever). Default 30;
   * a writer holds the lock only for one append.
   */
  readonly lockTimeout?: number;
}

const LF = 0x0a;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) return buffer.subarray(0, done);
    done += bytesRead;
  }
  return buffer;
}

/**
 * A journal file, read and appended exactly as Optuna 3.1's `JournalFileStorage` does, so Node
 * and Python processes can share it:
 *
 * - an append takes `<journal>.lock` (created exclusively as a symlink or with `O_EXCL`, retried
 *   with a doubling sleep), writes all its lines with one `write` on an `O_APPEND` descriptor,
 *   fsyncs, and releases the lock by renaming it to `<journal>.lock<uuid>.rename` and removing
 *   that;
 * - a read returns the complete lines after the last position read (no lock, as in Optuna).
 *
 * Before appending, under the lock, a last line without its line end (a writer crashed in the
 * middle of a write) is removed — or completed, when it is a whole JSON record that only lacks
 * the line end — so that the new record does not glue onto it; the storage warns about it.
 *
 * @example
 * ```ts
 * import { JournalFileBackend, JournalStorage } from "@backprop/hpo";
 * import { mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const path = join(mkdtempSync(join(tmpdir(), "hpo-")), "study.jsonl");
 * const storage = new JournalStorage(new JournalFileBackend(path));
 * await storage.createStudy("book", ["maximize"]);
 * console.log(readFileSync(path, "utf8").includes('"study_name": "book", "directions": [2]')); // true
 * ```
 */
export class JournalFileBackend implements JournalBackend {
  readonly path: string;
  readonly url: string;
  readonly lockFile: string;
  readonly #lock: "symlink" | "open";
  readonly #timeoutMs: number;
  /** Line number (1-based) of the line that starts at each cursor returned so far. */
  readonly #lineAt = new Map<number, number>([[0, 1]]);

  constructor(path: string, options: JournalFileBackendOptions = {}) {
    const op = "JournalFileBackend";
    if (typeof path !== "string" || path === "")
      throw new InvalidOptionError({ op, option: "path", value: path, expected: "a file path" });
    const lock = options.lock ?? "symlink";
    if (lock !== "symlink" && lock !== "open")
      throw new InvalidOptionError({
        op,
        option: "lock",
        value: lock,
        expected: '"symlink" or "open"',
      });
    const timeout = options.lockTimeout ?? 30;
    if (!(typeof timeout === "number" && timeout > 0))
      throw new InvalidOptionError({
        op,
        option: "lockTimeout",
        value: timeout,
        expected: "a number of seconds > 0",
      });
    this.path = path;
    this.url = `journal:${path}`;
    this.lockFile = `${path}.lock`;
    this.#lock = lock;
    this.#timeoutMs = timeout * 1000;
  }

  async read(cursor: number): Promise<JournalReadResult> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, "r");
    } catch (e) {
      if (code(e) === "ENOENT" && cursor === 0) return { lines: [], cursor };
      throw new StorageError({
        storage: this.url,
        operation: "read",
        reason: `cannot open the journal (${(e as Error).message})`,
        cause: e,
      });
    }
    try {
      const { size } = await handle.stat();
      if (size < cursor)
        throw new StorageError({
          storage: this.url,
          operation: "read",
          reason: `the journal has ${size} bytes, fewer than the ${cursor} already read: it was truncated or replaced`,
        });
      const bytes = await readAt(handle, cursor, size - cursor);
      return this.#split(bytes, cursor);
    } finally {
      await handle.close();
    }
  }

  #split(bytes: Buffer, cursor: number): JournalReadResult {
    let line = this.#lineAt.get(cursor);
    if (line === undefined)
      throw new StorageError({
        storage: this.url,
        operation: "read",
        reason: `cursor ${cursor} was not returned by this backend`,
      });
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const lines: JournalLine[] = [];
    let start = 0;
    for (let end = bytes.indexOf(LF); end >= 0; end = bytes.indexOf(LF, start)) {
      try {
        lines.push({ line, text: decoder.decode(bytes.subarray(start, end)) });
      } catch {
        lines.push({ line, error: "not UTF-8" });
      }
      line++;
      start = end + 1;
    }
    const next = cursor + start;
    this.#lineAt.set(next, line);
    const rest = bytes.length - start;
    return { lines, cursor: next, ...(rest > 0 ? { incomplete: { line, bytes: rest } } : {}) };
  }

  async #acquire(): Promise<void> {
    const deadline = Date.now() + this.#timeoutMs;
    let wait = 1;
    for (;;) {
      try {
        if (this.#lock === "symlink") await symlink(this.path, this.lockFile);
        else await (await open(this.lockFile, "wx")).close();
        return;
      } catch (e) {
        if (code(e) !== "EEXIST") throw e;
      }
      if (Date.now() >= deadline)
        throw new JournalLockError({
          lockFile: this.lockFile,
          reason: `still held by another writer after ${this.#timeoutMs / 1000} s`,
        });
      await sleep(wait);
      // A writer holds the lock for one append and an fsync (milliseconds): wait no longer than
      // that between tries, or workers sharing a journal idle more than they write.
      wait = Math.min(wait * 2, 8);
    }
  }

  async #release(): Promise<void> {
    const renamed = `${this.lockFile}${randomUUID()}.rename`;
    try {
      await rename(this.lockFile, renamed);
    } catch (e) {
      throw new JournalLockError({
        lockFile: this.lockFile,
        reason: "did not possess the lock",
        cause: e,
      });
    }
    await unlink(renamed);
  }

  async append(lines: readonly string[]): Promise<readonly JournalNotice[]> {
    const data = Buffer.from(lines.map((l) => `${l}\n`).join(""), "utf8");
    await this.#acquire();
    try {
      const handle = await open(this.path, "a+");
      try {
        const notices = await this.#repairTail(handle);
        let done = 0;
        while (done < data.length) {
          const { bytesWritten } = await handle.write(data, done, data.length - done, null);
          done += bytesWritten;
        }
        await handle.sync();
        return notices;
      } finally {
        await handle.close();
      }
    } finally {
      await this.#release();
    }
  }

  /** Under the lock: removes (or completes) a last line that has no line end. */
  async #repairTail(handle: FileHandle): Promise<JournalNotice[]> {
    const { size } = await handle.stat();
    if (size === 0 || (await readAt(handle, size - 1, 1))[0] === LF) return [];
    let lineStart = 0;
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - 65_536);
      const i = (await readAt(handle, start, end - start)).lastIndexOf(LF);
      if (i >= 0) {
        lineStart = start + i + 1;
        break;
      }
      end = start;
    }
    const fragment = await readAt(handle, lineStart, size - lineStart);
    const line = await this.#lineNumberAt(handle, lineStart);
    let whole = false;
    try {
      const parsed = parseJsonLine(new TextDecoder("utf-8", { fatal: true }).decode(fragment));
      whole = parsed.ok && typeof parsed.value === "object" && parsed.value !== null;
    } catch {
      whole = false;
    }
    if (whole) {
      await handle.write(Buffer.from("\n"), 0, 1, null);
      return [
        {
          line,
          reason: "the last line was a whole record without its line end; the line end was added",
        },
      ];
    }
    await handle.truncate(lineStart);
    return [
      {
        line,
        reason: `a torn last line (${fragment.length} bytes without a line end, left by a crashed writer) was removed`,
      },
    ];
  }

  async #lineNumberAt(handle: FileHandle, position: number): Promise<number> {
    const known = this.#lineAt.get(position);
    if (known !== undefined) return known;
    let line = 1;
    for (let start = 0; start < position; start += 1 << 20) {
      const chunk = await readAt(handle, start, Math.min(1 << 20, position - start));
      for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) line++;
    }
    return line;
  }
}

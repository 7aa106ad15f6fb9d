/**
 * One line of a journal as a backend hands it over: its text, or why it could not be decoded.
 * `line` counts from 1.
 *
 * @example
 * ```ts
 * import type { JournalLine } from "@backprop/hpo";
 * const line: JournalLine = { line: 1, text: '{"op_code": 0, "worker_id": "w", "study_name": "s", "directions": [1]}' };
 * console.log("text" in line && JSON.parse(line.text).op_code); // 0
 * ```
 */
export type JournalLine =
  | { readonly line: number; readonly text: string }
  | { readonly line: number; readonly error: string };

/**
 * What `read` returns: the complete lines after the cursor and the cursor after them. A last
 * line without its line end (a write in progress, or torn by a crash) is not returned; it is
 * reported as `incomplete` and read again next time.
 *
 * @example
 * ```ts
 * import type { JournalReadResult } from "@backprop/hpo";
 * const nothingNew: JournalReadResult = { lines: [], cursor: 120 };
 * console.log(nothingNew.lines.length, nothingNew.cursor); // 0 120
 * ```
 */
export interface JournalReadResult {
  readonly lines: readonly JournalLine[];
  readonly cursor: number;
  readonly incomplete?: { readonly line: number; readonly bytes: number };
}

/**
 * Something a backend fixed while appending (a torn last line removed), for a warning.
 *
 * @example
 * ```ts
 * import type { JournalNotice } from "@backprop/hpo";
 * const notice: JournalNotice = { line: 12, reason: "a torn line (37 bytes, no line end) was removed" };
 * console.log(`line ${notice.line}: ${notice.reason}`); // line 12: a torn line (37 bytes, no line end) was removed
 * ```
 */
export interface JournalNotice {
  readonly line: number;
  readonly reason: string;
}

/**
 * Where a journal's lines live: Optuna's `BaseJournalLogStorage`. `read(cursor)` returns the
 * lines after a cursor it returned before (0 is the start); `append` adds whole lines at the end,
 * atomically with respect to other writers. {@link JournalFileBackend} is the file; the
 * in-memory storage keeps its lines in an array.
 *
 * @example
 * ```ts
 * import { JournalStorage, type JournalBackend, type JournalLine } from "@backprop/hpo";
 * const lines: string[] = [];
 * const arrayBackend: JournalBackend = {
 *   url: "array:",
 *   read: async (cursor) => ({
 *     lines: lines.slice(cursor).map((text, i): JournalLine => ({ line: cursor + i + 1, text })),
 *     cursor: lines.length,
 *   }),
 *   append: async (more) => void lines.push(...more),
 * };
 * const storage = new JournalStorage(arrayBackend);
 * await storage.createStudy("s", ["minimize"]);
 * console.log(lines.length, JSON.parse(lines[0]!).study_name); // 1 s
 * ```
 */
export interface JournalBackend {
  readonly url: string;
  read(cursor: number): Promise<JournalReadResult>;
  /** Appends the lines (without line ends); may return what it repaired first. */
  append(lines: readonly string[]): Promise<readonly JournalNotice[] | undefined>;
}

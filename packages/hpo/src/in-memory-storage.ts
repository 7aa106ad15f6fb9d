import type { JournalBackend, JournalLine, JournalReadResult } from "./journal-backend.js";
import { JournalStorage, type JournalStorageOptions } from "./journal-storage.js";

/** A journal whose lines live in an array of this process. */
class MemoryJournalBackend implements JournalBackend {
  readonly url = "memory:";
  readonly #lines: string[] = [];

  async read(cursor: number): Promise<JournalReadResult> {
    const lines = this.#lines
      .slice(cursor)
      .map((text, i): JournalLine => ({ line: cursor + i + 1, text }));
    return { lines, cursor: this.#lines.length };
  }

  async append(lines: readonly string[]): Promise<undefined> {
    this.#lines.push(...lines);
    return undefined;
  }
}

/**
 * A storage in this process's memory, gone when the process ends (Optuna's InMemoryStorage).
 * It is a {@link JournalStorage} over an array of lines, so it behaves exactly as a journal
 * file does — the same records, the same replay — without touching the disk.
 *
 * @example
 * ```ts
 * import { createStudy, inMemoryStorage, loadStudy } from "@backprop/hpo";
 * const storage = inMemoryStorage();
 * const study = await createStudy({ storage, studyName: "m", direction: "maximize", seed: 5 });
 * await study.optimize((t) => -((t.suggestFloat("x", 0, 4) - 2) ** 2), { nTrials: 10 });
 * const again = await loadStudy({ storage, studyName: "m" });
 * console.log(again.trials.length, again.bestValue === study.bestValue); // 10 true
 * ```
 */
export function inMemoryStorage(options: JournalStorageOptions = {}): JournalStorage {
  return new JournalStorage(new MemoryJournalBackend(), options);
}

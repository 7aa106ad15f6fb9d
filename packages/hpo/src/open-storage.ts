import { InvalidOptionError } from "@backprop/errors";
import { inMemoryStorage } from "./in-memory-storage.js";
import { JournalFileBackend, type JournalFileBackendOptions } from "./journal-file-backend.js";
import { JournalStorage, type JournalStorageOptions } from "./journal-storage.js";
import { PostgresStorage, type PostgresStorageOptions } from "./postgres-storage.js";
import type { Storage } from "./types.js";

/**
 * Options of {@link openStorage}: those of the journal storage and its file backend, and of
 * the PostgreSQL storage.
 *
 * @example
 * ```ts
 * import { openStorage, type OpenStorageOptions } from "@backprop/hpo";
 * const options: OpenStorageOptions = { lock: "open", onWarning: () => {} };
 * console.log((await openStorage("memory:", options)).url); // memory:
 * ```
 */
export interface OpenStorageOptions
  extends JournalStorageOptions,
    JournalFileBackendOptions,
    PostgresStorageOptions {}

/**
 * The storage a URL names — the same study API runs on each:
 *
 * | URL | storage |
 * |---|---|
 * | `memory:` | a new {@link inMemoryStorage} |
 * | `journal:./study.jsonl`, `journal:/abs/path.jsonl` | a {@link JournalStorage} on that file (Optuna's JournalFileStorage format) |
 * | `postgres://user@host:5432/db`, `postgresql://…` | a {@link PostgresStorage} (Optuna 3.1's RDB schema; tables created if missing) |
 *
 * A storage object is passed through unchanged.
 *
 * @example
 * ```ts
 * import { openStorage } from "@backprop/hpo";
 * const storage = await openStorage("journal:./study.jsonl");
 * console.log(storage.url); // journal:./study.jsonl
 * ```
 */
export async function openStorage(
  storage: string | Storage,
  options: OpenStorageOptions = {},
): Promise<Storage> {
  if (typeof storage === "object" && storage !== null) return storage;
  if (storage === "memory:") return inMemoryStorage(options);
  if (typeof storage === "string" && storage.startsWith("journal:") && storage.length > 8)
    return new JournalStorage(new JournalFileBackend(storage.slice(8), options), options);
  if (typeof storage === "string" && /^postgres(ql)?:\/\//.test(storage))
    return PostgresStorage.open(storage, options);
  throw new InvalidOptionError({
    op: "openStorage",
    option: "storage",
    value: storage,
    expected: 'a Storage, "memory:", "journal:<path>" or "postgres://[user@]host[:port]/database"',
  });
}

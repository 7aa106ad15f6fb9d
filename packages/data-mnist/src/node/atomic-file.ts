import { type FileHandle, open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A file being written next to its final name, invisible to readers until {@link commit}. */
export interface TempFile {
  readonly path: string;
  readonly handle: FileHandle;
}

const TEMP_SUFFIX = ".partial";
let counter: number | undefined;

/**
 * Creates `<dir>/.<name>.<pid>-<n>.partial` (exclusive create, same directory as the final file so
 * the rename is atomic). Readers only ever open the final name, so a temp file left by a killed
 * process is never read; {@link removeStrayTemps} deletes it later.
 */
export async function createTemp(final: string): Promise<TempFile> {
  counter = (counter ?? 0) + 1;
  const path = join(dirname(final), `.${basename(final)}.${process.pid}-${counter}${TEMP_SUFFIX}`);
  return { path, handle: await open(path, "wx") };
}

/** fsync the data, close, rename over `final`, then fsync the directory so the rename is durable. */
export async function commit(temp: TempFile, final: string): Promise<void> {
  await temp.handle.sync();
  await temp.handle.close();
  await rename(temp.path, final);
  await syncDir(dirname(final));
}

/** Closes and deletes a temp file (after any failure). */
export async function discard(temp: TempFile): Promise<void> {
  await temp.handle.close().catch(() => {});
  await rm(temp.path, { force: true });
}

/**
 * Deletes the temp files of `final` left by killed downloads. Call it only while holding the
 * file's lock: then no live process is writing one.
 */
export async function removeStrayTemps(final: string): Promise<string[]> {
  const prefix = `.${basename(final)}.`;
  const names = await readdir(dirname(final)).catch(() => [] as string[]);
  const stray = names.filter((n) => n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX));
  await Promise.all(stray.map((n) => rm(join(dirname(final), n), { force: true })));
  return stray;
}

async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a directory; the rename still holds.
  } finally {
    await handle?.close().catch(() => {});
  }
}

import { setTimeout as sleep } from "node:timers/promises";

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock not refreshed for this long belongs to a dead process and is taken over (≥ 2000 ms). */
  readonly staleMs: number;
  /** Give up waiting for another process after this long (then an `ELOCKED` error). */
  readonly waitMs: number;
  /** Told when the lock was lost while held (the work still finishes; its result is verified). */
  readonly onLost: (message: string) => void;
}

/**
 * Runs `fn` holding an inter-process lock on `target` (proper-lockfile: an atomic `mkdir` of
 * `<target>.lock`, refreshed every `staleMs / 2`, taken over when stale — a process killed with
 * SIGKILL blocks the others for at most `staleMs`). The target itself need not exist. Only a lock
 * held by someone else is waited for (25 ms growing to 500 ms between tries); any other failure
 * to lock (an unwritable directory) is thrown at once.
 */
export async function withFileLock<T>(
  target: string,
  options: FileLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  // Loaded on first use: proper-lockfile registers an exit handler (to release its locks) and its
  // graceful-fs caches process.cwd when they load — importing this package must do neither.
  const { lock } = await import("proper-lockfile");
  const deadline = Date.now() + options.waitMs;
  let pause = 25;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lock(target, {
        realpath: false,
        stale: options.staleMs,
        onCompromised: (error) =>
          options.onLost(`${target}: the download lock was lost (${error.message})`),
      });
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ELOCKED" || Date.now() >= deadline) throw error;
      await sleep(pause);
      pause = Math.min(500, pause * 1.5);
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}

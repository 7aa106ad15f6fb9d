/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock not refreshed for this long belongs to a dead process and is taken over (≥ 2000 ms). */
  readonly staleMs: number;
  /** Give up waiting for another process after this long. */
  readonly waitMs: number;
  /** Told when the lock was lost while held (the work still finishes; its result is verified). */
  readonly onLost: (message: string) => void;
}

/**
 * Runs `fn` holding an inter-process lock on `target` (proper-lockfile: an atomic `mkdir` of
 * `<target>.lock`, refreshed every `staleMs / 2`, taken over when stale — a process killed with
 * SIGKILL blocks the others for at most `staleMs`). The target itself need not exist.
 */
export async function withFileLock<T>(
  target: string,
  options: FileLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  // Loaded on first use: proper-lockfile registers an exit handler (to release its locks) and its
  // graceful-fs caches process.cwd when they load — importing this package must do neither.
  const { lock } = await import("proper-lockfile");
  const release = await lock(target, {
    realpath: false,
    stale: options.staleMs,
    retries: {
      retries: 10,
      forever: true,
      minTimeout: 25,
      maxTimeout: 500,
      factor: 1.5,
      maxRetryTime: options.waitMs,
    },
    onCompromised: (error) =>
      options.onLost(`${target}: the download lock was lost (${error.message})`),
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}

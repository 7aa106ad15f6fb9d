/** Options of {@link measureInterleaved}. */
export interface InterleavedOptions {
  /** Rounds; each runs every task `repeat` times, in a rotated order (default 5). */
  readonly rounds?: number;
  /** Calls of a task per round, timed together (default 3). */
  readonly repeat?: number;
  /** Untimed calls of each task before the first round (default 1). */
  readonly warmup?: number;
}

/** Per task: the median ms per call over the rounds, and the spread (min and max). */
export interface InterleavedResult {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rounds: readonly number[];
}

/**
 * What a task may return to report its own timing instead of the wall time around the call
 * (e.g. a child process that times its work itself, without the messaging around it).
 */
export interface SelfTimed {
  readonly selfTimedMs: number;
}

function selfTimed(value: unknown): number | undefined {
  const ms = (value as Partial<SelfTimed> | null | undefined)?.selfTimedMs;
  return typeof ms === "number" ? ms : undefined;
}

/**
 * Times sync or async tasks in interleaved rounds — every round runs each task `repeat` times,
 * the order rotated from round to round, so a slow spell of a shared machine hits all tasks
 * alike — and reports each task's median ms per call with its spread. Suited to whole training
 * epochs, which are too long and too stateful for a sampling harness like tinybench. A task that
 * returns `{ selfTimedMs }` (every call) is timed by what it reports.
 */
export async function measureInterleaved(
  tasks: Readonly<Record<string, () => unknown>>,
  options: InterleavedOptions = {},
): Promise<Record<string, InterleavedResult>> {
  const rounds = options.rounds ?? 5;
  const repeat = options.repeat ?? 3;
  const names = Object.keys(tasks);
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const name of names) for (let i = 0; i < (options.warmup ?? 1); i++) await tasks[name]!();
  const times = new Map(names.map((n) => [n, [] as number[]]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length]!;
      gc?.();
      const start = performance.now();
      let own: number | undefined = 0;
      for (let i = 0; i < repeat; i++) {
        const ms = selfTimed(await tasks[name]!());
        own = own === undefined || ms === undefined ? undefined : own + ms;
      }
      times.get(name)!.push((own ?? performance.now() - start) / repeat);
    }
  }
  const out: Record<string, InterleavedResult> = {};
  for (const [name, list] of times) {
    const sorted = [...list].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    out[name] = { median, min: sorted[0]!, max: sorted.at(-1)!, rounds: list };
  }
  return out;
}

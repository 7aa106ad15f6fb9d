import { Bench } from "tinybench";

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Minimum measuring time per task in ms (default 500). */
  readonly time?: number;
  /** Warm-up time per task in ms (default 200). */
  readonly warmupTime?: number;
  /** Minimum iterations per task (default 10). */
  readonly iterations?: number;
  /**
   * Rounds over all tasks (default 3); each task reports its best round. Alternating rounds keeps
   * a slow spell of a shared machine from landing on one task only.
   */
  readonly rounds?: number;
}

/**
 * Times each task with tinybench (in the same run, one after the other) and returns the mean
 * milliseconds per call by task name.
 */
export async function measure(
  tasks: Readonly<Record<string, () => unknown>>,
  options: MeasureOptions = {},
): Promise<Record<string, number>> {
  const bench = new Bench({
    time: options.time ?? 500,
    warmupTime: options.warmupTime ?? 200,
    iterations: options.iterations ?? 10,
    // With --expose-gc, start every task on a clean heap.
    setup: () => (globalThis as { gc?: () => void }).gc?.(),
  });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const out: Record<string, number> = {};
  for (const task of bench.tasks) {
    const result = task.result as { state?: string; period?: number; error?: unknown };
    if (result.state !== "completed" || result.period === undefined) {
      throw new Error(
        `benchmark task '${task.name}' did not complete: ${String(result.error ?? result.state)}`,
      );
    }
    out[task.name] = result.period;
  }
  return out;
}

/** True when `--quick` was passed: fewer, shorter samples (used by the README's main job). */
export function quickMode(argv: readonly string[] = process.argv): boolean {
  return argv.includes("--quick");
}

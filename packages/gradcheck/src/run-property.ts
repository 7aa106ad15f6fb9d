import { BackpropError } from "@backprop/errors";
import fc from "fast-check";

/** Options of {@link runProperty}. */
export interface RunPropertyOptions {
  /** fast-check seed (default: fast-check's global setting, or a fresh one). */
  readonly seed?: number;
  /** Number of runs (default: fast-check's global setting). */
  readonly numRuns?: number;
  /** Replay path printed by an earlier failure. */
  readonly path?: string;
}

/** The outcome of a property run. */
export interface PropertyResult<T> {
  readonly failed: boolean;
  readonly seed: number;
  readonly numRuns: number;
  readonly numShrinks: number;
  /** The shrunk counterexample. */
  readonly counterexample: T | null;
  readonly path: string | null;
  /** What the predicate threw (or `false`) on the counterexample. */
  readonly error: unknown;
}

/**
 * A property failed; the message holds the seed, the replay path, the shrunk counterexample and
 * what the predicate threw on it (a gradient table, for gradient properties).
 */
export class PropertyFailure<T = unknown> extends BackpropError {
  static override readonly kind: string = "PropertyFailure";
  readonly result: PropertyResult<T>;

  constructor(result: PropertyResult<T>) {
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    super(
      [
        `Property failed after ${result.numRuns} run(s) and ${result.numShrinks} shrink(s)`,
        `seed: ${result.seed}, path: ${JSON.stringify(result.path)} (replay with runProperty(..., { seed: ${result.seed}, path: ${JSON.stringify(result.path)} }))`,
        `shrunk counterexample: ${fc.stringify(result.counterexample)}`,
        cause,
      ].join("\n"),
      { code: "BACKPROP_PROPERTY", cause: result.error },
    );
    this.result = result;
  }
}

/**
 * Runs a fast-check property and returns its outcome, with the shrunk counterexample, instead of
 * throwing — for tests that want to inspect a failure (a mutation test).
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { runProperty } from "@backprop/gradcheck";
 * const r = runProperty(fc.integer(), (n) => n < 100, { seed: 1 });
 * console.log(r.failed, r.counterexample); // true 100
 * ```
 */
export function runProperty<T>(
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => boolean | void,
  options: RunPropertyOptions = {},
): PropertyResult<T> {
  const params: fc.Parameters<[T]> = {};
  if (options.seed !== undefined) params.seed = options.seed;
  if (options.numRuns !== undefined) params.numRuns = options.numRuns;
  if (options.path !== undefined) params.path = options.path;
  const details = fc.check(fc.property(arb, predicate), params);
  const counterexample = details.counterexample?.[0] ?? null;
  return {
    failed: details.failed,
    seed: details.seed,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    counterexample,
    path: details.counterexamplePath,
    error: details.errorInstance ?? (details.failed ? "the predicate returned false" : null),
  };
}

/**
 * Runs a property and throws a {@link PropertyFailure} — seed, path, shrunk case and the
 * predicate's own message — when it fails. Works in any test runner.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { assertProperty } from "@backprop/gradcheck";
 * assertProperty(fc.integer({ min: 0, max: 10 }), (n) => n * n >= 0);
 * ```
 */
export function assertProperty<T>(
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => boolean | void,
  options: RunPropertyOptions = {},
): void {
  const result = runProperty(arb, predicate, options);
  if (result.failed) throw new PropertyFailure(result);
}

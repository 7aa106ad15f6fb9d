import { InvalidOptionError } from "@backprop/errors";
import { scope } from "@backprop/tensor-core";
import fc from "fast-check";
import { GradientCheckError } from "./gradient-check-error.js";
import { PropertyFailedError } from "./property-failed-error.js";
import type { GradCheckReport } from "./report.js";

/**
 * A property's predicate: passes by returning `true`, nothing, or a passing gradient report;
 * fails by returning `false`, a failing report, or by throwing (e.g. via `assertGradients`).
 * Must be synchronous.
 *
 * @example
 * ```ts
 * import { checkGradients, type PropertyPredicate, type TensorData } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * const squares: PropertyPredicate<TensorData> = (d) => {
 *   const x = tensor(d.values, { shape: d.shape, backend: "reference" });
 *   return checkGradients({ f: ({ x }) => sum(mul(x, x)), inputs: { x }, analytic: ({ x }) => ({ x: mul(x, 2) }) });
 * };
 * console.log(typeof squares); // function
 * ```
 */
// biome-ignore lint/suspicious/noConfusingVoidType: mirrors fast-check's own predicate type, so `(v) => { assertGradients(…); }` is accepted.
export type PropertyPredicate<T> = (value: T) => boolean | void | GradCheckReport;

/**
 * Options of {@link runProperty} and {@link assertProperty}.
 *
 * @example
 * ```ts
 * import type { RunPropertyOptions } from "@backprop/gradcheck";
 * const replay: RunPropertyOptions = { seed: 1337, path: "0:1:0", numRuns: 100 };
 * console.log(replay.seed); // 1337
 * ```
 */
export interface RunPropertyOptions {
  /** fast-check seed (default: the `fc.configureGlobal` seed, else a fresh one — printed on failure). */
  readonly seed?: number;
  /** Number of runs (default: the `fc.configureGlobal` value, else 100). */
  readonly numRuns?: number;
  /** Replay path printed by an earlier failure: replays the shrunk case directly. */
  readonly path?: string;
}

/**
 * The outcome of a property run, with the shrunk counterexample and its gradient report.
 *
 * @example
 * ```ts
 * import { runProperty } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const r = runProperty(fc.integer({ min: 0, max: 1000 }), (n) => n < 10, { seed: 42 });
 * console.log(r.failed, r.counterexample, r.seed); // true 10 42
 * ```
 */
export interface PropertyResult<T> {
  readonly failed: boolean;
  /** The seed used: replay with `{ seed, path }`. */
  readonly seed: number;
  /** Replay path of the shrunk counterexample (`null` when the property passed). */
  readonly path: string | null;
  /** Runs executed (up to the first failure). */
  readonly numRuns: number;
  /** Successful shrink steps from the first failing case to the counterexample. */
  readonly numShrinks: number;
  /** The shrunk counterexample (`null` when the property passed). */
  readonly counterexample: T | null;
  /** What the predicate threw on the counterexample (or a sentence, if it returned false). */
  readonly error: unknown;
  /** The gradient report of the counterexample, when the predicate produced one. */
  readonly report: GradCheckReport | null;
  /** fast-check's full run details. */
  readonly details: fc.RunDetails<[T]>;
}

/**
 * Runs a property with `fc.check` and returns its outcome — the shrunk counterexample, its
 * gradient report, the seed and the replay path — without throwing. For tests that inspect a
 * failure, such as a mutation test; see {@link assertProperty} for the throwing form.
 *
 * Each run of the predicate executes inside `scope()`: the tensors it creates are disposed when
 * it returns or throws, however many cases fast-check generates and shrinks.
 *
 * @example
 * ```ts
 * import { checkGradients, runProperty, tensorDataArb } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * // A wrong gradient of Σx²: 3x instead of 2x.
 * const result = runProperty(tensorDataArb(), (d) => {
 *   const x = tensor(d.values, { shape: d.shape, backend: "reference" });
 *   return checkGradients({ f: ({ x }) => sum(mul(x, x)), inputs: { x }, analytic: ({ x }) => ({ x: mul(x, 3) }) });
 * }, { seed: 7, numRuns: 50 });
 * console.log(result.failed, result.counterexample); // true { shape: [ 1 ], values: [ 0.5 ] }
 * console.log(result.report?.tensor("x")?.worst?.analytic); // 1.5
 * ```
 */
export function runProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: PropertyPredicate<T>,
  options: RunPropertyOptions = {},
): PropertyResult<T> {
  const op = "runProperty";
  if (typeof predicate !== "function") {
    throw new InvalidOptionError({
      op,
      option: "predicate",
      value: typeof predicate,
      expected: "a function",
    });
  }
  const params: fc.Parameters<[T]> = {};
  if (options.seed !== undefined) params.seed = options.seed;
  if (options.numRuns !== undefined) params.numRuns = options.numRuns;
  if (options.path !== undefined) params.path = options.path;
  const property = fc.property(arbitrary, (value) => {
    const out = scope((): unknown => {
      const returned: unknown = predicate(value);
      if (typeof (returned as { then?: unknown } | null)?.then === "function") {
        throw new InvalidOptionError({
          op,
          option: "predicate",
          value: "a function returning a promise",
          expected: "a synchronous function (gradient checks are synchronous)",
        });
      }
      return returned;
    });
    if (isReport(out)) {
      if (!out.ok) throw new GradientCheckError(out);
      return true;
    }
    return out as boolean | undefined;
  });
  const details = fc.check(property, params);
  const error = details.failed
    ? (details.errorInstance ?? "the predicate returned false on this case")
    : null;
  return {
    failed: details.failed,
    seed: details.seed,
    path: details.counterexamplePath,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    counterexample: details.counterexample?.[0] ?? null,
    error,
    report: GradientCheckError.isInstance(error) ? error.report : null,
    details,
  };
}

/**
 * Runs a property and, when it fails, throws a {@link PropertyFailedError} whose message holds
 * the seed, the replay path, the shrunk counterexample and the gradient report of that case.
 * Returns the run's outcome when it passes. Works in any test runner (no vitest import).
 *
 * @example
 * ```ts
 * import { assertProperty, checkGradients, tensorDataArb } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * const result = assertProperty(tensorDataArb(), (d) => {
 *   const x = tensor(d.values, { shape: d.shape, backend: "reference" });
 *   return checkGradients({ f: ({ x }) => sum(mul(x, x)), inputs: { x }, analytic: ({ x }) => ({ x: mul(x, 2) }) });
 * }, { seed: 7, numRuns: 20 });
 * console.log(result.failed, result.numRuns); // false 20
 * ```
 */
export function assertProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: PropertyPredicate<T>,
  options: RunPropertyOptions = {},
): PropertyResult<T> {
  const result = runProperty(arbitrary, predicate, options);
  if (result.failed) throw new PropertyFailedError(result);
  return result;
}

function isReport(value: unknown): value is GradCheckReport {
  const v = value as Partial<GradCheckReport> | null | undefined;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.ok === "boolean" &&
    Array.isArray(v.tensors) &&
    typeof v.tolerances === "object"
  );
}

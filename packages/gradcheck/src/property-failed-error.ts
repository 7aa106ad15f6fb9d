import { BackpropError } from "@backprop/errors";
import fc from "fast-check";
import type { PropertyResult } from "./run-property.js";

/**
 * A property failed. The message holds everything needed to understand and replay it: the
 * seed, the replay path, the shrunk counterexample (shapes and values) and what the predicate
 * threw on it — for a gradient property, the formatted gradient report. `result` holds the same
 * as data.
 *
 * @example
 * ```ts
 * import { assertProperty, PropertyFailedError } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * try {
 *   assertProperty(fc.integer({ min: 0, max: 1000 }), (n) => n < 10, { seed: 42 });
 * } catch (e) {
 *   if (PropertyFailedError.isInstance(e)) console.log(e.result.counterexample, e.message.split("\n")[1]);
 *   // 10 seed: 42, path: "…" (replay with { seed: 42, path: "…" })
 * }
 * ```
 */
export class PropertyFailedError<T = unknown> extends BackpropError {
  static override readonly kind: string = "PropertyFailedError";
  readonly result: PropertyResult<T>;

  constructor(result: PropertyResult<T>) {
    const { seed, path, numRuns, numShrinks, error } = result;
    const cause =
      error instanceof Error ? error.message : typeof error === "string" ? error : String(error);
    super(
      [
        `Property failed after ${numRuns} run(s) and ${numShrinks} shrink(s)`,
        `seed: ${seed}, path: ${JSON.stringify(path)} (replay with { seed: ${seed}, path: ${JSON.stringify(path)} })`,
        `shrunk counterexample: ${fc.stringify(result.counterexample)}`,
        cause,
      ].join("\n"),
      { code: "BACKPROP_PROPERTY", cause: error },
    );
    this.result = result;
  }
}

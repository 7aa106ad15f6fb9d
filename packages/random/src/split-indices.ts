import { checkInteger, rangeError, typeError } from "./check.js";
import type { Rng } from "./types.js";

/**
 * Options of {@link splitIndices}.
 *
 * @example
 * ```ts
 * import { createRng, type SplitIndicesOptions, splitIndices } from "@backprop/random";
 * const options: SplitIndicesOptions = { count: 5, fraction: 0.4, labels: [0, 1, 0, 1, 1] };
 * console.log(splitIndices(createRng(2), options).held.length); // 2
 * ```
 */
export interface SplitIndicesOptions {
  /** How many rows there are (0..count−1 are split). */
  readonly count: number;
  /** Fraction of the rows held out, in [0, 1) (the book's validation share: 0.2). */
  readonly fraction: number;
  /**
   * Class labels of the rows: when given, the split is stratified — each class is split on its
   * own, so both parts keep every class's share (up to rounding per class).
   */
  readonly labels?: ArrayLike<number>;
}

/**
 * A seeded random split of the rows 0..count−1 into `kept` and `held` (never "the last 20%"): one
 * permutation, the first `round(fraction · n)` of it held out — per class, in ascending class
 * order, when `labels` are given. Both parts are in permutation order. Every dataset split in
 * backprop is this one, so a seed splits the same way in every package.
 *
 * @example
 * ```ts
 * import { createRng, splitIndices } from "@backprop/random";
 * const { kept, held } = splitIndices(createRng(1), { count: 10, fraction: 0.2 });
 * console.log(kept.length, held.length); // 8 2
 * const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
 * const strat = splitIndices(createRng(1), { count: 10, fraction: 0.4, labels });
 * console.log([...strat.held].map((i) => labels[i]).sort().join("")); // 0011
 * ```
 */
export function splitIndices(
  rng: Rng,
  options: SplitIndicesOptions,
): { kept: Int32Array; held: Int32Array } {
  const fn = "splitIndices";
  const count = checkInteger(fn, "count", options.count, 0);
  const { fraction, labels } = options;
  if (typeof fraction !== "number") throw typeError(fn, "fraction", "a number in [0, 1)", fraction);
  if (!(fraction >= 0 && fraction < 1))
    throw rangeError(fn, "fraction", "a number in [0, 1)", fraction);
  if (labels !== undefined && labels.length !== count) {
    throw rangeError(
      fn,
      "labels",
      `${count} labels (one per row)`,
      labels.length,
      `${labels.length} labels`,
    );
  }
  const order = rng.permutation(count);
  if (labels === undefined) {
    const n = Math.round(count * fraction);
    return { kept: order.slice(n), held: order.slice(0, n) };
  }
  const byClass = new Map<number, number[]>();
  for (const row of order) {
    const c = labels[row]!;
    let rows = byClass.get(c);
    if (rows === undefined) byClass.set(c, (rows = []));
    rows.push(row);
  }
  const kept: number[] = [];
  const held: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = byClass.get(c)!;
    const n = Math.round(rows.length * fraction);
    for (let i = 0; i < rows.length; i++) (i < n ? held : kept).push(rows[i]!);
  }
  return { kept: Int32Array.from(kept), held: Int32Array.from(held) };
}

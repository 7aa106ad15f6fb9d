import { InvalidOptionError } from "@backprop/errors";
import fc from "fast-check";

/**
 * Options of {@link shapeArb}.
 *
 * @example
 * ```ts
 * import { type ShapeArbOptions, shapeArb } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const matrices: ShapeArbOptions = { minRank: 2, maxRank: 2, maxDim: 3 };
 * console.log(fc.sample(shapeArb(matrices), 20).every((s) => s.length === 2)); // true
 * ```
 */
export interface ShapeArbOptions {
  /** Fewest dimensions (default 1; 0 allows scalars `[]`). */
  readonly minRank?: number;
  /** Most dimensions (default 3). */
  readonly maxRank?: number;
  /** Smallest dimension (default 1). */
  readonly minDim?: number;
  /** Largest dimension (default 4). */
  readonly maxDim?: number;
  /**
   * Most elements (default: no limit beyond maxDim^maxRank). Dimensions are capped left to right
   * so the product stays within it; a gradient check costs O(size²).
   */
  readonly maxSize?: number;
}

/**
 * Tensor shapes with bounded rank and dimensions. Shrinks towards the smallest rank (dropping
 * dimensions) and the smallest dimensions, so a failure shrinks to a tiny shape.
 *
 * @example
 * ```ts
 * import { shapeArb } from "@backprop/gradcheck";
 * import fc from "fast-check";
 * const shapes = fc.sample(shapeArb({ minRank: 1, maxRank: 3, maxDim: 4, maxSize: 24 }), 50);
 * console.log(shapes.every((s) => s.length >= 1 && s.length <= 3 && s.reduce((a, b) => a * b, 1) <= 24)); // true
 * ```
 */
export function shapeArb(options: ShapeArbOptions = {}): fc.Arbitrary<number[]> {
  const op = "shapeArb";
  const minRank = count(op, "minRank", options.minRank ?? 1);
  const maxRank = count(op, "maxRank", options.maxRank ?? 3);
  const minDim = count(op, "minDim", options.minDim ?? 1);
  const maxDim = count(op, "maxDim", options.maxDim ?? 4);
  if (maxRank < minRank) {
    throw new InvalidOptionError({
      op,
      option: "maxRank",
      value: maxRank,
      expected: `>= minRank (${minRank})`,
    });
  }
  if (maxDim < minDim) {
    throw new InvalidOptionError({
      op,
      option: "maxDim",
      value: maxDim,
      expected: `>= minDim (${minDim})`,
    });
  }
  const dims = fc.array(fc.integer({ min: minDim, max: maxDim }), {
    minLength: minRank,
    maxLength: maxRank,
  });
  if (options.maxSize === undefined) return dims;
  const maxSize = count(op, "maxSize", options.maxSize);
  if (minDim ** minRank > maxSize) {
    throw new InvalidOptionError({
      op,
      option: "maxSize",
      value: maxSize,
      expected: `>= minDim^minRank (${minDim ** minRank}), the smallest shape's size`,
    });
  }
  let feasibleRank = minRank;
  while (feasibleRank < maxRank && minDim ** (feasibleRank + 1) <= maxSize) feasibleRank++;
  return dims.map((shape) => capSize(shape.slice(0, feasibleRank), minDim, maxSize));
}

/** Caps dimensions left to right so the product stays within `maxSize` (monotone: shrinks well). */
function capSize(shape: readonly number[], minDim: number, maxSize: number): number[] {
  const out: number[] = [];
  let product = 1;
  for (let i = 0; i < shape.length; i++) {
    const rest = minDim ** (shape.length - i - 1);
    const room = product === 0 || rest === 0 ? shape[i]! : Math.floor(maxSize / (product * rest));
    const dim = Math.max(minDim, Math.min(shape[i]!, room));
    out.push(dim);
    product *= dim;
  }
  return out;
}

function count(op: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidOptionError({ op, option, value, expected: "an integer >= 0" });
  }
  return value;
}

import fc from "fast-check";

/** Options of {@link shapeArb}. */
export interface ShapeArbOptions {
  readonly minRank?: number;
  readonly maxRank?: number;
  readonly minDim?: number;
  readonly maxDim?: number;
}

/**
 * Shapes with bounded rank and dims, shrinking towards the smallest rank and dims.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { shapeArb } from "@backprop/gradcheck";
 * console.log(fc.sample(shapeArb({ minRank: 2, maxRank: 2, maxDim: 4 }), 3)); // e.g. [[3, 1], [1, 4], [2, 2]]
 * ```
 */
export function shapeArb(options: ShapeArbOptions = {}): fc.Arbitrary<number[]> {
  const { minRank = 1, maxRank = 3, minDim = 1, maxDim = 5 } = options;
  return fc.array(fc.integer({ min: minDim, max: maxDim }), {
    minLength: minRank,
    maxLength: maxRank,
  });
}

/** Plain tensor data from an arbitrary: create the tensor inside the property. */
export interface TensorData {
  readonly shape: number[];
  readonly values: number[];
}

/** Options of {@link tensorDataArb}. */
export interface TensorDataArbOptions {
  /** A fixed shape, or an arbitrary of shapes (default `shapeArb()`). */
  readonly shape?: readonly number[] | fc.Arbitrary<number[]>;
  /** Value range (default [−3, 3]). */
  readonly min?: number;
  readonly max?: number;
  /**
   * Keep values at least `margin` away from each of `points` (kinks: 0 for ReLU and abs), so a
   * central difference never straddles one.
   */
  readonly avoid?: { readonly points: readonly number[]; readonly margin: number };
}

/**
 * Tensor data (shape + values) with finite, bounded, non-subnormal doubles that shrink towards
 * small shapes and simple values; optionally kept off kinks.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { tensorDataArb } from "@backprop/gradcheck";
 * const [d] = fc.sample(tensorDataArb({ shape: [2, 3], avoid: { points: [0], margin: 1e-3 } }), 1);
 * console.log(d.shape, d.values.length); // [2, 3] 6
 * ```
 */
export function tensorDataArb(options: TensorDataArbOptions = {}): fc.Arbitrary<TensorData> {
  const { min = -3, max = 3, avoid } = options;
  const given = options.shape;
  const shapes: fc.Arbitrary<number[]> =
    given === undefined ? shapeArb() : isShape(given) ? fc.constant([...given]) : given;
  let value = fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .map((v) => (Math.abs(v) < 1e-300 ? 0 : v));
  if (avoid !== undefined) {
    const { points, margin } = avoid;
    value = value.map((v) => {
      for (const p of points) {
        if (Math.abs(v - p) < margin) return v >= p ? p + margin : p - margin;
      }
      return v;
    });
  }
  return shapes.chain((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return fc
      .array(value, { minLength: size, maxLength: size })
      .map((values) => ({ shape, values }));
  });
}

function isShape(value: readonly number[] | fc.Arbitrary<number[]>): value is readonly number[] {
  return Array.isArray(value);
}

/**
 * Seeds for an `Rng` inside a property (never `Math.random`).
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { seedArb } from "@backprop/gradcheck";
 * console.log(fc.sample(seedArb(), 2));
 * ```
 */
export function seedArb(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 });
}

import { InvalidOptionError, ShapeError } from "@backprop/errors";
import type { Shape } from "./types.js";

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/** Throws unless `shape` is an array of non-negative safe integers. */
export function assertShape(op: string, option: string, shape: unknown): asserts shape is Shape {
  if (
    !Array.isArray(shape) ||
    !shape.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)
  ) {
    throw new InvalidOptionError({
      op,
      option,
      value: shape,
      expected: "an array of non-negative integers",
    });
  }
}

/**
 * The numpy broadcast of two shapes: aligned from the right, each pair of dims equal or one of
 * them 1.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape, argument = "b"): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError({
        op,
        argument,
        expected: `a shape broadcastable with [${a.join(", ")}]`,
        actual: [...b],
        detail: `Dimension ${i} of the broadcast differs (${da} vs ${db}) and neither is 1`,
      });
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Resolves a possibly negative axis against `rank`, throwing when out of range. */
export function normalizeAxis(op: string, axis: number, rank: number, option = "axis"): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new InvalidOptionError({
      op,
      option,
      value: axis,
      expected: `an integer in [${-rank}, ${Math.max(rank, 1) - 1}] for a rank-${rank} tensor`,
    });
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves `axis` (one, several, or all when undefined) into sorted unique non-negative axes. */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : axis;
  const axes = list.map((a) => normalizeAxis(op, a, rank));
  const unique = [...new Set(axes)].sort((x, y) => x - y);
  if (unique.length !== axes.length) {
    throw new InvalidOptionError({ op, option: "axis", value: list, expected: "distinct axes" });
  }
  return unique;
}

/** Formats a shape for messages: `[2, 3]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

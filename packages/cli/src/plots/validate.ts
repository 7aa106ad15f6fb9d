import { InvalidOptionError } from "@backprop/errors";

/** Throws unless `value` is a finite number. */
export function requireFinite(op: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidOptionError({ op, option, value, expected: "a finite number" });
  }
  return value;
}

/** Throws unless `value` is undefined or an integer >= `min`. */
export function optionalInteger(
  op: string,
  option: string,
  value: number | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidOptionError({ op, option, value, expected: `an integer >= ${min}` });
  }
  return value;
}

/** Throws unless `value` is an array. */
export function requireArray<T>(op: string, option: string, value: readonly T[]): readonly T[] {
  if (!Array.isArray(value)) {
    throw new InvalidOptionError({ op, option, value, expected: "an array" });
  }
  return value;
}

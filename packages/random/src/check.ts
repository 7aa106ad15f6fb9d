/** Throws a TypeError naming the function and option unless `value` is a safe integer in range. */
export function checkInteger(
  fn: string,
  option: string,
  value: unknown,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    const range =
      min === Number.MIN_SAFE_INTEGER && max === Number.MAX_SAFE_INTEGER
        ? ""
        : max === Number.MAX_SAFE_INTEGER
          ? ` >= ${min}`
          : ` in [${min}, ${max}]`;
    throw new RangeError(
      `Option '${option}' of '${fn}' must be a safe integer${range}; got ${String(value)}`,
    );
  }
  return value;
}

/** Throws a RangeError naming the function and option unless `value` is a finite number. */
export function checkFinite(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(
      `Option '${option}' of '${fn}' must be a finite number; got ${String(value)}`,
    );
  }
  return value;
}

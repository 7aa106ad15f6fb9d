/** How a value is shown in an error message: numbers as written, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** "Option 'x' of 'fn' must be <expected>; got <actual>" */
function message(fn: string, option: string, expected: string, actual: string): string {
  return `Option '${option}' of '${fn}' must be ${expected}; got ${actual}`;
}

/** A TypeError naming the function and option; `actual` defaults to {@link show}(value). */
export function typeError(
  fn: string,
  option: string,
  expected: string,
  value: unknown,
  actual = show(value),
): TypeError {
  return new TypeError(message(fn, option, expected, actual));
}

/** A RangeError naming the function and option; `actual` defaults to {@link show}(value). */
export function rangeError(
  fn: string,
  option: string,
  expected: string,
  value: unknown,
  actual = show(value),
): RangeError {
  return new RangeError(message(fn, option, expected, actual));
}

/**
 * Returns `value` if it is a safe integer in [min, max]; otherwise throws a TypeError (not a
 * number) or a RangeError (a number, but not a safe integer in range) naming the function and
 * option.
 */
export function checkInteger(
  fn: string,
  option: string,
  value: unknown,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max) {
    return value;
  }
  const range =
    min === Number.MIN_SAFE_INTEGER && max === Number.MAX_SAFE_INTEGER
      ? ""
      : max === Number.MAX_SAFE_INTEGER
        ? ` >= ${min}`
        : ` in [${min}, ${max}]`;
  const expected = `a safe integer${range}`;
  if (typeof value !== "number") throw typeError(fn, option, expected, value);
  throw rangeError(fn, option, expected, value);
}

/**
 * Returns `value` if it is a finite number (and >= min, if given); otherwise throws a TypeError
 * (not a number) or a RangeError naming the function and option.
 */
export function checkFinite(fn: string, option: string, value: unknown, min?: number): number {
  if (typeof value === "number" && Number.isFinite(value) && (min === undefined || value >= min)) {
    return value;
  }
  const expected = min === undefined ? "a finite number" : `a finite number >= ${min}`;
  if (typeof value !== "number") throw typeError(fn, option, expected, value);
  throw rangeError(fn, option, expected, value);
}

/** Throws a RangeError unless `low <= high` and `high - low` is finite. */
export function checkInterval(fn: string, low: number, high: number): number {
  if (!(high >= low)) throw rangeError(fn, "high", `>= low (${low})`, high);
  const span = high - low;
  if (!Number.isFinite(span)) {
    throw rangeError(fn, "high", `within a finite distance of low (${low})`, high);
  }
  return span;
}

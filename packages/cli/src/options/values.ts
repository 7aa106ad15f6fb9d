import { InvalidArgumentError } from "commander";

// Parsers for option values: each returns the value or throws commander's InvalidArgumentError,
// which commander turns into one line naming the option ("option '--lr <rate>' argument '-1' is
// invalid. ..."), exit code 2.

/** A finite number > 0 (`min: 0` with `inclusive` for >= 0). */
export function number(options: { min?: number; max?: number; inclusive?: boolean } = {}) {
  const min = options.min ?? 0;
  return (text: string): number => {
    const value = Number(text);
    const low = options.inclusive ? value >= min : value > min;
    if (
      text.trim() === "" ||
      !Number.isFinite(value) ||
      !low ||
      (options.max !== undefined && value > options.max)
    ) {
      const range = `${options.inclusive ? ">=" : ">"} ${min}${options.max === undefined ? "" : ` and <= ${options.max}`}`;
      throw new InvalidArgumentError(`Expected a number ${range}.`);
    }
    return value;
  };
}

/** A fraction in [0, 1). */
export function fraction(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value < 1))
    throw new InvalidArgumentError("Expected a fraction in [0, 1).");
  return value;
}

/** An integer >= `min`. */
export function integer(min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min)
      throw new InvalidArgumentError(`Expected an integer >= ${min}.`);
    return value;
  };
}

/** Comma-separated layer sizes, each an integer >= 1 (`"100,100"`); `""` or `none` for no hidden layer. */
export function sizes(text: string): number[] {
  if (text.trim() === "" || text.trim() === "none") return [];
  const parts = text.split(",").map((p) => p.trim());
  const out = parts.map(Number);
  const bad = parts.findIndex((p, i) => !/^\d+$/.test(p) || out[i]! < 1);
  if (bad >= 0)
    throw new InvalidArgumentError(
      `Expected comma-separated sizes >= 1; item ${bad + 1} is '${parts[bad]}'.`,
    );
  return out;
}

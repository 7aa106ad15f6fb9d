// Distributions: construction with Optuna's validation and high-end alignment, internal and
// external values, and Optuna's JSON form (`{"name": "FloatDistribution", "attributes": …}`).
import { InvalidOptionError } from "@backprop/errors";
import { adjustSteppedHigh } from "./decimal.js";
import { PyFloat, parseJsonLine, pyDumps } from "./python-json.js";
import type {
  CategoricalChoice,
  CategoricalDistribution,
  Distribution,
  FloatDistribution,
  IntDistribution,
  ParamValue,
  SuggestOptions,
} from "./types.js";

function check(ok: boolean, op: string, option: string, value: unknown, expected: string): void {
  if (!ok) throw new InvalidOptionError({ op, option, value, expected });
}

/** A float distribution as `suggestFloat(name, low, high, options)` defines it. */
export function floatDistribution(
  op: string,
  low: number,
  high: number,
  options: SuggestOptions = {},
): FloatDistribution {
  const log = options.log ?? false;
  const step = options.step ?? null;
  check(typeof low === "number" && Number.isFinite(low), op, "low", low, "a finite number");
  check(typeof high === "number" && Number.isFinite(high), op, "high", high, "a finite number");
  check(low <= high, op, "high", high, `a number >= low (${low})`);
  check(typeof log === "boolean", op, "log", log, "a boolean");
  if (log) {
    check(low > 0, op, "low", low, "a number > 0 when log is true");
    check(step === null, op, "step", step, "absent when log is true (Optuna allows no both)");
  }
  if (step !== null) {
    check(
      typeof step === "number" && Number.isFinite(step) && step > 0,
      op,
      "step",
      step,
      "a finite number > 0",
    );
    return { type: "float", low, high: adjustSteppedHigh(low, high, step), log, step };
  }
  return { type: "float", low, high, log, step: null };
}

/** An integer distribution as `suggestInt(name, low, high, options)` defines it. */
export function intDistribution(
  op: string,
  low: number,
  high: number,
  options: SuggestOptions = {},
): IntDistribution {
  const log = options.log ?? false;
  const step = options.step ?? 1;
  check(Number.isSafeInteger(low), op, "low", low, "a safe integer");
  check(Number.isSafeInteger(high), op, "high", high, "a safe integer");
  check(low <= high, op, "high", high, `an integer >= low (${low})`);
  check(typeof log === "boolean", op, "log", log, "a boolean");
  check(Number.isSafeInteger(step) && step > 0, op, "step", step, "an integer > 0");
  if (log) {
    check(low >= 1, op, "low", low, "an integer >= 1 when log is true");
    check(step === 1, op, "step", step, "1 when log is true");
  }
  const aligned = high - ((high - low) % step);
  return { type: "int", low, high: aligned, log, step };
}

/** A categorical distribution over `choices`. */
export function categoricalDistribution(
  op: string,
  choices: readonly CategoricalChoice[],
): CategoricalDistribution {
  check(Array.isArray(choices) && choices.length > 0, op, "choices", choices, "a non-empty array");
  for (const [i, c] of choices.entries())
    check(
      c === null || ["boolean", "number", "string"].includes(typeof c),
      op,
      `choices[${i}]`,
      c,
      "null, a boolean, a number or a string",
    );
  return { type: "categorical", choices: [...choices] };
}

function sameChoice(a: CategoricalChoice, b: CategoricalChoice): boolean {
  return (
    a === b ||
    (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b))
  );
}

/** The internal value of an external one (a categorical's index), or undefined if impossible. */
export function toInternal(d: Distribution, value: ParamValue): number | undefined {
  if (d.type === "categorical") {
    const index = d.choices.findIndex((c) => sameChoice(c, value));
    return index < 0 ? undefined : index;
  }
  if (typeof value !== "number" || Number.isNaN(value)) return undefined;
  if (d.log && value <= 0) return undefined;
  return value;
}

/** The external value of an internal one (Python's `int()` truncation for integers). */
export function toExternal(d: Distribution, internal: number): ParamValue {
  if (d.type === "categorical") return d.choices[internal] ?? null;
  if (d.type === "int") return Math.trunc(internal);
  return internal;
}

/** Whether an internal value lies in the distribution (Optuna's `_contains`). */
export function contains(d: Distribution, internal: number): boolean {
  if (d.type === "categorical")
    return Number.isInteger(internal) && internal >= 0 && internal < d.choices.length;
  if (!(internal >= d.low && internal <= d.high)) return false;
  if (d.type === "int") return (internal - d.low) % d.step === 0;
  if (d.step === null) return true;
  const k = (internal - d.low) / d.step;
  return Math.abs(k - Math.round(k)) < 1e-8;
}

/** Whether only one value is possible (then no sampler is asked). */
export function isSingle(d: Distribution): boolean {
  if (d.type === "categorical") return d.choices.length === 1;
  if (d.low === d.high) return true;
  return d.step !== null && d.high - d.low < d.step;
}

/** Optuna's `check_distribution_compatibility`: why `next` may not follow `previous`, or undefined. */
export function incompatibility(previous: Distribution, next: Distribution): string | undefined {
  if (previous.type !== next.type)
    return `it was a ${previous.type} parameter before and may not become a ${next.type} one`;
  if (previous.type !== "categorical" && next.type !== "categorical" && previous.log !== next.log)
    return `it was suggested with log: ${previous.log} before`;
  if (previous.type === "categorical" && next.type === "categorical") {
    const same =
      previous.choices.length === next.choices.length &&
      previous.choices.every((c, i) => sameChoice(c, next.choices[i]!));
    if (!same)
      return `its choices were ${JSON.stringify(previous.choices)} before (categorical choices may not change)`;
  }
  return undefined;
}

/** Whether two distributions are the same. */
export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a.type === "categorical" || b.type === "categorical")
    return a.type === b.type && incompatibility(a, b) === undefined;
  return (
    a.type === b.type &&
    a.low === b.low &&
    a.high === b.high &&
    a.log === b.log &&
    a.step === b.step
  );
}

/** Optuna's `distribution_to_json`, byte for byte. */
export function distributionToJson(d: Distribution): string {
  switch (d.type) {
    case "float":
      return pyDumps({
        name: "FloatDistribution",
        attributes: {
          step: d.step === null ? null : new PyFloat(d.step),
          low: new PyFloat(d.low),
          high: new PyFloat(d.high),
          log: d.log,
        },
      });
    case "int":
      return pyDumps({
        name: "IntDistribution",
        attributes: { log: d.log, step: d.step, low: d.low, high: d.high },
      });
    case "categorical":
      return pyDumps({ name: "CategoricalDistribution", attributes: { choices: d.choices } });
  }
}

function num(value: unknown): number {
  if (typeof value !== "number") throw new Error(`expected a number, got ${JSON.stringify(value)}`);
  return value;
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    throw new Error(`expected a boolean, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Optuna's `json_to_distribution`: the current names, the deprecated ones (UniformDistribution,
 * LogUniformDistribution, DiscreteUniformDistribution, IntUniformDistribution,
 * IntLogUniformDistribution) and the abbreviated `{"type": "float", …}` form. Throws an Error
 * saying what is wrong.
 */
export function distributionFromJson(text: string): Distribution {
  const parsed = parseJsonLine(text);
  if (!parsed.ok) throw new Error(`not JSON (${parsed.reason})`);
  const json = parsed.value as Record<string, unknown> | null;
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new Error("not a JSON object");
  const op = "distribution";
  if ("name" in json) {
    const a = json.attributes as Record<string, unknown> | undefined;
    if (typeof a !== "object" || a === null) throw new Error("no attributes");
    switch (json.name) {
      case "FloatDistribution":
        return floatDistribution(op, num(a.low), num(a.high), {
          log: bool(a.log, false),
          ...(a.step === null || a.step === undefined ? {} : { step: num(a.step) }),
        });
      case "UniformDistribution":
        return floatDistribution(op, num(a.low), num(a.high));
      case "LogUniformDistribution":
        return floatDistribution(op, num(a.low), num(a.high), { log: true });
      case "DiscreteUniformDistribution":
        return floatDistribution(op, num(a.low), num(a.high), { step: num(a.q) });
      case "IntDistribution":
        return intDistribution(op, num(a.low), num(a.high), {
          log: bool(a.log, false),
          step: a.step === undefined ? 1 : num(a.step),
        });
      case "IntUniformDistribution":
        return intDistribution(op, num(a.low), num(a.high), {
          step: a.step === undefined ? 1 : num(a.step),
        });
      case "IntLogUniformDistribution":
        return intDistribution(op, num(a.low), num(a.high), { log: true });
      case "CategoricalDistribution":
        return categoricalDistribution(op, a.choices as CategoricalChoice[]);
      default:
        throw new Error(`unknown distribution class ${JSON.stringify(json.name)}`);
    }
  }
  switch (json.type) {
    case "categorical":
      return categoricalDistribution(op, json.choices as CategoricalChoice[]);
    case "float":
      return floatDistribution(op, num(json.low), num(json.high), {
        log: bool(json.log, false),
        ...(json.step === null || json.step === undefined ? {} : { step: num(json.step) }),
      });
    case "int":
      return intDistribution(op, num(json.low), num(json.high), {
        log: bool(json.log, false),
        step: json.step === null || json.step === undefined ? 1 : num(json.step),
      });
    default:
      throw new Error(`unknown distribution type ${JSON.stringify(json.type)}`);
  }
}

// Checks at the public boundary of trials and studies.
import { InvalidOptionError } from "@backprop/errors";
import type { JsonValue, Pruner, Sampler } from "./types.js";

/** A parameter or attribute name: a non-empty string that cannot reach a prototype. */
export function checkName(op: string, option: string, name: unknown): string {
  if (typeof name !== "string" || name === "" || name === "__proto__")
    throw new InvalidOptionError({
      op,
      option,
      value: name,
      expected: "a non-empty string other than '__proto__'",
    });
  return name;
}

function isJson(value: unknown, depth: number, seen: Set<object>): boolean {
  if (
    value === null ||
    typeof value === "boolean" ||
    typeof value === "number" ||
    typeof value === "string"
  )
    return true;
  if (typeof value !== "object" || depth > 100 || seen.has(value)) return false;
  seen.add(value);
  const ok = Array.isArray(value)
    ? value.every((v) => isJson(v, depth + 1, seen))
    : Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null
      ? Object.entries(value).every(([k, v]) => k !== "__proto__" && isJson(v, depth + 1, seen))
      : false;
  seen.delete(value);
  return ok;
}

function copy(value: JsonValue): JsonValue {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(copy));
  return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])));
}

/**
 * A value for an attribute: JSON (numbers may be NaN or ±Infinity, which Python writes too).
 * Returns a frozen copy, so later changes to the caller's object do not reach the storage.
 */
export function checkJson(op: string, option: string, value: unknown): JsonValue {
  if (!isJson(value, 0, new Set()))
    throw new InvalidOptionError({
      op,
      option,
      value,
      expected: "a JSON value (null, boolean, number, string, array or plain object)",
    });
  return copy(value as JsonValue);
}

/** A finite-or-not number (Optuna's `float(value)`). */
export function checkNumber(op: string, option: string, value: unknown): number {
  if (typeof value !== "number")
    throw new InvalidOptionError({ op, option, value, expected: "a number" });
  return value;
}

/** A step of `report`: a safe integer ≥ 0. */
export function checkStep(op: string, step: unknown): number {
  if (!Number.isSafeInteger(step) || (step as number) < 0)
    throw new InvalidOptionError({ op, option: "step", value: step, expected: "an integer >= 0" });
  return step as number;
}

/** Checks what createStudy and loadStudy share. */
export function checkStudyOptions(
  op: string,
  o: { studyName?: unknown; seed?: unknown; sampler?: unknown; pruner?: unknown },
): void {
  if (typeof o.studyName !== "string" || o.studyName === "")
    throw new InvalidOptionError({
      op,
      option: "studyName",
      value: o.studyName,
      expected: "a non-empty string",
    });
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed))
    throw new InvalidOptionError({ op, option: "seed", value: o.seed, expected: "a safe integer" });
  if (o.sampler !== undefined && typeof (o.sampler as Sampler).sample !== "function")
    throw new InvalidOptionError({
      op,
      option: "sampler",
      value: o.sampler,
      expected: "a Sampler (randomSampler(), gridSampler(), tpeSampler())",
    });
  if (o.pruner !== undefined && typeof (o.pruner as Pruner).prune !== "function")
    throw new InvalidOptionError({
      op,
      option: "pruner",
      value: o.pruner,
      expected: "a Pruner (medianPruner(), successiveHalvingPruner(), nopPruner())",
    });
}

/**
 * A built-in sampler's or pruner's options as JSON (so a worker process can make it again), or
 * undefined when they hold something JSON cannot (a function such as TPE's `gamma`).
 */
export function jsonOptions(options: object): JsonValue | undefined {
  const plain = (v: unknown): boolean =>
    v === null ||
    ["boolean", "number", "string", "undefined"].includes(typeof v) ||
    (Array.isArray(v) && v.every(plain)) ||
    (typeof v === "object" &&
      Object.getPrototypeOf(v) === Object.prototype &&
      Object.values(v as object).every(plain));
  if (!plain(options)) return undefined;
  return JSON.parse(JSON.stringify(options)) as JsonValue;
}

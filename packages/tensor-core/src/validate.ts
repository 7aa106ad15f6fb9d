import {
  BackendMismatchError,
  DisposedError,
  DTypeError,
  InvalidOptionError,
  ShapeError,
} from "@backprop/errors";
import { isFloat } from "./dtype.js";
import { formatShape } from "./shape.js";
import { Tensor } from "./tensor.js";
import type { DType } from "./types.js";

/** Throws unless `x` is a live Tensor. */
export function checkTensor(op: string, argument: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    throw new InvalidOptionError({
      op,
      option: argument,
      value: describe(x),
      expected: "a Tensor",
    });
  }
  if (x.isDisposed) throw new DisposedError({ op, argument });
  return x;
}

/** Throws a BackendMismatchError unless every named tensor lives on the first one's backend. */
export function checkSameBackend(
  op: string,
  tensors: ReadonlyArray<readonly [string, Tensor]>,
): void {
  const first = tensors[0];
  if (first === undefined) return;
  for (const [argument, t] of tensors) {
    if (t.owner !== first[1].owner) {
      throw new BackendMismatchError({
        op,
        argument,
        expected: first[1].backend,
        actual: t.backend,
      });
    }
  }
}

/** Throws a DTypeError unless `x` has a floating dtype. */
export function checkFloat(op: string, argument: string, x: Tensor): void {
  if (!isFloat(x.dtype)) {
    throw new DTypeError({
      op,
      argument,
      expected: `${x.owner.floatDType} (a floating dtype)`,
      actual: x.dtype,
      detail: 'Cast it first with cast(x, "float")',
    });
  }
}

/**
 * The operands of an elementwise op that does not broadcast: live float tensors on one backend,
 * each with the first one's shape (the first that differs named at fault).
 */
export function checkSameShapeFloats(
  op: string,
  ...operands: ReadonlyArray<readonly [string, unknown]>
): void {
  const named = operands.map(([name, t]) => [name, checkTensor(op, name, t)] as const);
  checkSameBackend(op, named);
  for (const [name, t] of named) checkFloat(op, name, t);
  const [firstName, first] = named[0]!;
  for (const [name, t] of named) {
    if (t.shape.length !== first.shape.length || t.shape.some((d, k) => d !== first.shape[k])) {
      throw new ShapeError({
        op,
        argument: name,
        expected: formatShape(first.shape),
        actual: [...t.shape],
        detail: `${op} does not broadcast: ${name} must have ${firstName}'s shape`,
      });
    }
  }
}

/** A live float matrix's [rows, cols]; a ShapeError saying `expected` for any other rank. */
export function checkFloatMatrix(
  op: string,
  argument: string,
  x: unknown,
  expected: string,
): [number, number] {
  const t = checkTensor(op, argument, x);
  checkFloat(op, argument, t);
  if (t.rank !== 2) throw new ShapeError({ op, argument, expected, actual: [...t.shape] });
  return t.shape as [number, number];
}

/** Throws a DTypeError unless `x.dtype` is one of `allowed`. */
export function checkDType(
  op: string,
  argument: string,
  x: Tensor,
  allowed: readonly DType[],
): void {
  if (!allowed.includes(x.dtype)) {
    throw new DTypeError({ op, argument, expected: allowed.join(" or "), actual: x.dtype });
  }
}

/** Throws unless `value` is a finite number (or, with `allowInfinity`, not NaN). */
export function checkNumber(
  op: string,
  option: string,
  value: unknown,
  { allowInfinity = false }: { allowInfinity?: boolean } = {},
): number {
  if (
    typeof value !== "number" ||
    Number.isNaN(value) ||
    (!allowInfinity && !Number.isFinite(value))
  ) {
    throw new InvalidOptionError({
      op,
      option,
      value,
      expected: allowInfinity ? "a number (not NaN)" : "a finite number",
    });
  }
  return value;
}

/** Throws unless `value` is a safe integer within `[min, max]`. */
export function checkInteger(
  op: string,
  option: string,
  value: unknown,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new InvalidOptionError({ op, option, value, expected: `an integer ${range}` });
  }
  return value;
}

function describe(x: unknown): unknown {
  if (x === null || x === undefined) return x;
  if (typeof x === "object") return `a ${(x as object).constructor?.name ?? "object"}`;
  return x;
}

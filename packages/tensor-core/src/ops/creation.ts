import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { type CreationOptions, resolveBackend, resolveDType } from "../creation-options.js";
import { dtypeOfArray } from "../dtype.js";
import { assertShape, sizeOf } from "../shape.js";
import { Tensor } from "../tensor.js";
import type { DType, NestedArray, Shape, TypedArray } from "../types.js";
import { uploadTensor } from "../upload.js";
import { checkNumber } from "../validate.js";

/** Options of {@link tensor}. */
export interface TensorOptions extends CreationOptions {
  /** Shape of the values; required to reshape a flat array, inferred from nesting otherwise. */
  readonly shape?: Shape;
}

/**
 * Creates a tensor from a number, nested arrays of numbers or booleans, or a typed array.
 * Floats become the backend's float dtype; booleans become `bool`; an `Int32Array` becomes
 * `int32`.
 *
 * @example
 * ```ts
 * import { tensor } from "@backprop/tensor-core";
 * const a = tensor([[1, 2, 3], [4, 5, 6]]);
 * const b = tensor(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] });
 * const labels = tensor([2, 0, 1], { dtype: "int32" });
 * console.log(a.shape, b.shape, labels.dtype); // [ 2, 3 ] [ 2, 2 ] int32
 * ```
 */
export function tensor(values: NestedArray | TypedArray, options: TensorOptions = {}): Tensor {
  const op = "tensor";
  const backend = resolveBackend(op, options.backend);
  let flat: ArrayLike<number>;
  let inferred: number[];
  let natural: DType | undefined;
  if (ArrayBuffer.isView(values)) {
    flat = values;
    inferred = [values.length];
    const kind = dtypeOfArray(values);
    natural = kind === "int32" || kind === "bool" ? kind : undefined;
  } else {
    const parsed = flatten(values);
    flat = parsed.values;
    inferred = parsed.shape;
    natural = parsed.boolean ? "bool" : undefined;
  }
  const dtype = resolveDType(op, backend, options.dtype ?? natural);
  let shape: Shape = inferred;
  if (options.shape !== undefined) {
    assertShape(op, "shape", options.shape);
    if (sizeOf(options.shape) !== flat.length) {
      throw new ShapeError({
        op,
        argument: "shape",
        expected: `a shape with ${flat.length} elements (the number of values)`,
        actual: [...options.shape],
      });
    }
    shape = options.shape;
  }
  if (dtype === "int32") {
    for (let i = 0; i < flat.length; i++) {
      if (!Number.isInteger(flat[i])) {
        throw new InvalidOptionError({
          op,
          option: `values[${i}]`,
          value: flat[i],
          expected: "an integer for dtype int32",
        });
      }
    }
  }
  return uploadTensor(backend, flat, shape, dtype);
}

/**
 * A rank-0 tensor.
 *
 * @example
 * ```ts
 * import { scalar } from "@backprop/tensor-core";
 * console.log(scalar(3.5).shape); // []
 * ```
 */
export function scalar(value: number | boolean, options: CreationOptions = {}): Tensor {
  return tensor(value, options);
}

/**
 * A tensor of `shape` filled with `value`.
 *
 * @example
 * ```ts
 * import { fill } from "@backprop/tensor-core";
 * console.log(fill([2, 2], 7).arraySync()); // [ [ 7, 7 ], [ 7, 7 ] ]
 * ```
 */
export function fill(shape: Shape, value: number, options: CreationOptions = {}): Tensor {
  const op = "fill";
  assertShape(op, "shape", shape);
  checkNumber(op, "value", value, { allowInfinity: true });
  const backend = resolveBackend(op, options.backend);
  const dtype = resolveDType(op, backend, options.dtype);
  return new Tensor(backend, backend.fill(shape, value, dtype), shape, dtype);
}

/**
 * A tensor of zeros.
 *
 * @example
 * ```ts
 * import { zeros } from "@backprop/tensor-core";
 * console.log(zeros([2, 3]).arraySync()); // [ [ 0, 0, 0 ], [ 0, 0, 0 ] ]
 * ```
 */
export function zeros(shape: Shape, options: CreationOptions = {}): Tensor {
  return fill(shape, 0, options);
}

/**
 * A tensor of ones.
 *
 * @example
 * ```ts
 * import { ones } from "@backprop/tensor-core";
 * console.log(ones([3]).arraySync()); // [ 1, 1, 1 ]
 * ```
 */
export function ones(shape: Shape, options: CreationOptions = {}): Tensor {
  return fill(shape, 1, options);
}

/**
 * Zeros with the shape, dtype and backend of `x`.
 *
 * @example
 * ```ts
 * import { tensor, zerosLike } from "@backprop/tensor-core";
 * console.log(zerosLike(tensor([1, 2])).arraySync()); // [ 0, 0 ]
 * ```
 */
export function zerosLike(x: Tensor): Tensor {
  return fill(x.shape, 0, { backend: x.backend, dtype: x.dtype });
}

/**
 * Ones with the shape, dtype and backend of `x`.
 *
 * @example
 * ```ts
 * import { onesLike, tensor } from "@backprop/tensor-core";
 * console.log(onesLike(tensor([5, 6])).arraySync()); // [ 1, 1 ]
 * ```
 */
export function onesLike(x: Tensor): Tensor {
  return fill(x.shape, 1, { backend: x.backend, dtype: x.dtype });
}

/**
 * The int32 vector `[0, 1, …, n − 1]` (or the backend's float dtype with `dtype: "float"`).
 *
 * @example
 * ```ts
 * import { arange } from "@backprop/tensor-core";
 * console.log(arange(4).arraySync()); // [ 0, 1, 2, 3 ]
 * ```
 */
export function arange(n: number, options: CreationOptions = {}): Tensor {
  const op = "arange";
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidOptionError({ op, option: "n", value: n, expected: "an integer >= 0" });
  }
  const values = new Int32Array(n);
  for (let i = 0; i < n; i++) values[i] = i;
  return tensor(values, { ...options, dtype: options.dtype ?? "int32" });
}

function flatten(values: NestedArray): { values: number[]; shape: number[]; boolean: boolean } {
  const shape: number[] = [];
  let probe: NestedArray = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0] as NestedArray;
  }
  const out: number[] = [];
  let sawBoolean = false;
  let sawNumber = false;
  const walk = (v: NestedArray, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof v === "boolean") {
        sawBoolean = true;
        out.push(v ? 1 : 0);
      } else if (typeof v === "number") {
        sawNumber = true;
        out.push(v);
      } else {
        throw new ShapeError({
          op: "tensor",
          argument: `values${path}`,
          expected: "a number or boolean (the array is ragged)",
          actual: "an array",
        });
      }
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new ShapeError({
        op: "tensor",
        argument: `values${path}`,
        expected: `an array of length ${shape[dim]} (nested arrays must be rectangular)`,
        actual: Array.isArray(v) ? `an array of length ${v.length}` : typeof v,
      });
    }
    for (let i = 0; i < v.length; i++) walk(v[i] as NestedArray, dim + 1, `${path}[${i}]`);
  };
  walk(values, 0, "");
  if (sawBoolean && sawNumber) {
    throw new InvalidOptionError({
      op: "tensor",
      option: "values",
      value: "numbers and booleans",
      expected: "all numbers or all booleans",
    });
  }
  return { values: out, shape, boolean: sawBoolean };
}

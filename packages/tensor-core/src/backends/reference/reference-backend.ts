import type { Backend, TensorInfo } from "../../backend.js";
import { constantKey, MAX_CONSTANTS } from "../../constant-key.js";
import { allocArray, convertArray } from "../../dtype.js";
import { sizeOf } from "../../shape.js";
import type { DType, Shape, TypedArray } from "../../types.js";
import { BINARY, COMPARE, LOGICAL, map1, map2, select, UNARY } from "./elementwise.js";
import { concatValues, gatherValues, sliceValues, transposeValues } from "./layout.js";
import { matMulValues } from "./matmul.js";
import { argReduceValues, reduceValues } from "./reduce.js";
import { logSumExpValues, softmaxValues } from "./softmax.js";
import { floatsOf, HandleCounter, type RefHandle, valuesOf } from "./storage.js";

/**
 * The float64 reference backend: plain TypeScript over typed arrays, written for clarity and
 * checked against naive loops; the oracle the wasm backend and every gradient check compare with.
 */
export function createReferenceBackend(): Backend {
  const live = new HandleCounter();
  const h = (values: TypedArray) => live.wrap(values);
  // Scalar constants for number operands: uncounted handles, one per dtype and value.
  const constants = new Map<string, RefHandle>();
  return {
    name: "reference",
    floatDType: "float64",
    // The handle keeps the array itself, so callers hand over a copy.
    uploadCopies: false,
    upload: (values) => h(values),
    readSync: (x) => valuesOf(x).slice(),
    read: async (x) => valuesOf(x).slice(),
    dispose: (x) => live.release(x),
    memory: () => ({ numTensors: live.numTensors, numBytes: live.numBytes }),

    constant: (value, dtype) => {
      const key = constantKey(value, dtype);
      let handle = constants.get(key);
      if (handle === undefined) {
        if (constants.size >= MAX_CONSTANTS) constants.clear();
        const values = allocArray(dtype, 1);
        values[0] = dtype === "bool" ? (value ? 1 : 0) : value;
        handle = { values };
        constants.set(key, handle);
      }
      return handle;
    },
    fill: (shape: Shape, value: number, dtype: DType) => {
      const out = allocArray(dtype, sizeOf(shape));
      out.fill(dtype === "bool" ? (value ? 1 : 0) : value);
      return h(out);
    },
    cast: (x, dtype) => {
      const src = valuesOf(x);
      if (dtype === "int32" && (x.dtype === "float64" || x.dtype === "float32")) {
        return h(Int32Array.from(src, (v) => Math.trunc(v)));
      }
      return h(convertArray(src, dtype));
    },
    unary: (op, x) => h(map1(x, x.dtype, UNARY[op])),
    leakyRelu: (x, alpha) => h(map1(x, x.dtype, (v) => (v > 0 ? v : alpha * v))),
    clip: (x, min, max) => h(map1(x, x.dtype, (v) => Math.min(Math.max(v, min), max))),
    binary: (op, a, b, outShape) => h(map2(a, b, outShape, a.dtype, BINARY[op])),
    compare: (op, a, b, outShape) => h(map2(a, b, outShape, "bool", COMPARE[op])),
    logical: (op, a, b, outShape) => h(map2(a, b, outShape, "bool", LOGICAL[op])),
    logicalNot: (x) => h(map1(x, "bool", (v) => (v ? 0 : 1))),
    where: (cond, a, b, outShape) => h(select(cond, a, b, outShape)),
    reduce: (op, x, axes) => h(reduceValues(op, x, axes)),
    argReduce: (op, x, axis) => h(argReduceValues(op, x, axis)),
    softmax: (x, axis, log) => h(softmaxValues(x, axis, log)),
    logSumExp: (x, axis) => h(logSumExpValues(x, axis)),
    matMul: (a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean) =>
      h(
        matMulValues(
          floatsOf(a),
          a.shape[0]!,
          a.shape[1]!,
          floatsOf(b),
          b.shape[0]!,
          b.shape[1]!,
          transposeA,
          transposeB,
        ),
      ),
    transpose: (x, perm) => h(transposeValues(x, perm)),
    // Values are immutable, so a reshape shares them.
    reshape: (x) => h(valuesOf(x)),
    slice: (x, begin, size) => h(sliceValues(x, begin, size)),
    gather: (x, indices, axis) => h(gatherValues(x, indices, axis)),
    concat: (xs, axis) => h(concatValues(xs, axis)),
    oneHot: (indices, depth, on, off, dtype) => {
      const idx = valuesOf(indices);
      const out = allocArray(dtype, idx.length * depth);
      out.fill(off);
      for (let i = 0; i < idx.length; i++) {
        const c = idx[i]!;
        if (c >= 0 && c < depth) out[i * depth + c] = on;
      }
      return h(out);
    },
  };
}

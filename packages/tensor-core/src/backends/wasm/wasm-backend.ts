import type { Backend, BinaryOp, CompareOp, ReduceOp, TensorInfo, UnaryOp } from "../../backend.js";
import { constantKey, MAX_CONSTANTS } from "../../constant-key.js";
import type { AdamUpdateOptions } from "../../ops/adam-update.js";
import type { DType, Shape } from "../../types.js";
import { adamKernel } from "./adam-kernel.js";
import { addScaledKernel } from "./add-scaled-kernel.js";
import {
  type AffineBackwardFlags,
  affineBackwardKernel,
  affineKernel,
  reluBackwardKernel,
} from "./affine-kernel.js";
import { batchNormBackwardKernel, batchNormForwardKernel } from "./batch-norm-kernel.js";
import { gemmMatMul } from "./gemm-kernel.js";
import { wasmMatMul } from "./matmul-strategy.js";
import { movingAverageKernel } from "./moving-average-kernel.js";
import { softmaxCrossEntropyKernel } from "./softmax-cross-entropy-kernel.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel names this backend relies on; `loadWasmBackend` checks each is registered. */
export const REQUIRED_KERNELS = [
  "Neg",
  "Abs",
  "Sign",
  "Exp",
  "Log",
  "Log1p",
  "Sqrt",
  "Rsqrt",
  "Square",
  "Reciprocal",
  "Sigmoid",
  "Tanh",
  "Relu",
  "Step",
  "LeakyRelu",
  "ClipByValue",
  "Add",
  "Sub",
  "Multiply",
  "RealDiv",
  "Pow",
  "Maximum",
  "Minimum",
  "Equal",
  "NotEqual",
  "Greater",
  "GreaterEqual",
  "Less",
  "LessEqual",
  "LogicalAnd",
  "LogicalOr",
  "LogicalNot",
  "Select",
  "Sum",
  "Mean",
  "Max",
  "Min",
  "ArgMax",
  "ArgMin",
  "Softmax",
  "BatchMatMul",
  "Transpose",
  "Reshape",
  "Slice",
  "GatherV2",
  "Concat",
  "OneHot",
  "Cast",
  "Fill",
] as const;

/**
 * The wasm backend: every kernel is one or a few tfjs ops on the wasm (XNNPACK, SIMD) backend,
 * except, with `ownKernels`, float32 matMul, the dense layer's passes (affine, affineBackward,
 * reluBackward), softmax cross-entropy, the fused batch norm, addScaled and adamUpdate, which run
 * backprop's own SIMD kernels (gemm-kernel.ts, affine-kernel.ts, softmax-cross-entropy-kernel.ts,
 * batch-norm-kernel.ts, add-scaled-kernel.ts, adam-kernel.ts).
 * Handles are tfjs tensors; composite kernels run inside `tf.tidy`, so each returns exactly one new
 * tensor and leaves no temporaries.
 */
export function createWasmBackend(
  tf: Tfjs,
  options: { readonly ownKernels?: boolean } = {},
): Backend {
  const t = (x: TensorInfo) => x.handle as TfTensor;
  const tidy = (fn: () => TfTensor) => tf.tidy(fn);

  const unaryOps: Record<UnaryOp, (x: TfTensor) => TfTensor> = {
    neg: tf.neg,
    abs: tf.abs,
    sign: tf.sign,
    exp: tf.exp,
    log: tf.log,
    log1p: tf.log1p,
    sqrt: tf.sqrt,
    rsqrt: tf.rsqrt,
    square: tf.square,
    reciprocal: tf.reciprocal,
    sigmoid: tf.sigmoid,
    tanh: tf.tanh,
    relu: tf.relu,
    step: (x) => tf.step(x, 0),
  };
  const binaryOps: Record<BinaryOp, (a: TfTensor, b: TfTensor) => TfTensor> = {
    add: tf.add,
    sub: tf.sub,
    mul: tf.mul,
    div: tf.div,
    pow: tf.pow,
    maximum: tf.maximum,
    minimum: tf.minimum,
  };
  const compareOps: Record<CompareOp, (a: TfTensor, b: TfTensor) => TfTensor> = {
    equal: tf.equal,
    notEqual: tf.notEqual,
    greater: tf.greater,
    greaterEqual: tf.greaterEqual,
    less: tf.less,
    lessEqual: tf.lessEqual,
  };
  const reduceOps: Record<ReduceOp, (x: TfTensor, axes: number[]) => TfTensor> = {
    sum: (x, axes) => tf.sum(x, axes),
    mean: (x, axes) => tf.mean(x, axes),
    max: (x, axes) => tf.max(x, axes),
    min: (x, axes) => tf.min(x, axes),
  };
  const isFloat = (d: DType) => d === "float32";
  // Constants (number operands' scalars, the rows of column sums), kept by tfjs and left out of
  // memory(), so leak tests see only the tensors of the work they measure.
  const constants = new Map<string, TfTensor>();
  let constantBytes = 0;
  const cached = (key: string, make: () => TfTensor): TfTensor => {
    let c = constants.get(key);
    if (c === undefined) {
      if (constants.size >= MAX_CONSTANTS) {
        tf.dispose([...constants.values()]);
        constants.clear();
        constantBytes = 0;
      }
      c = tf.keep(make());
      constants.set(key, c);
      constantBytes += c.size * (c.dtype === "bool" ? 1 : 4);
    }
    return c;
  };
  const columnSumRow = (rows: number, value: number) =>
    cached(`row:${rows}:${value}`, () => tf.fill([1, rows], value, "float32"));

  return {
    name: "wasm",
    floatDType: "float32",
    // tfjs's wasm backend copies the values into the module's heap on write.
    uploadCopies: true,
    upload: (values, shape, dtype) =>
      tf.tensor(values, [...shape], dtype === "float64" ? "float32" : dtype),
    readSync: (x) => t(x).dataSync().slice() as Float32Array,
    read: async (x) => ((await t(x).data()) as Float32Array).slice(),
    dispose: (x) => t(x).dispose(),
    memory: () => {
      const m = tf.memory();
      return { numTensors: m.numTensors - constants.size, numBytes: m.numBytes - constantBytes };
    },
    constant: (value, dtype) =>
      cached(constantKey(value, dtype), () =>
        dtype === "bool"
          ? tf.tidy(() => tf.cast(tf.scalar(value ? 1 : 0, "int32"), "bool"))
          : tf.scalar(value, dtype === "int32" ? "int32" : "float32"),
      ),

    fill: (shape: Shape, value: number, dtype: DType) =>
      dtype === "bool"
        ? tidy(() => tf.cast(tf.fill([...shape], value ? 1 : 0, "int32"), "bool"))
        : tf.fill([...shape], value, dtype === "int32" ? "int32" : "float32"),
    cast: (x, dtype) => {
      // tfjs's Cast returns its input for a same-dtype cast; clone so the caller owns a new handle.
      if (x.dtype === dtype) return tf.clone(t(x));
      if (dtype === "bool") return tf.notEqual(t(x), tf.scalar(0, t(x).dtype));
      return tf.cast(t(x), dtype === "int32" ? "int32" : "float32");
    },
    unary: (op, x) => unaryOps[op](t(x)),
    leakyRelu: (x, alpha) => tf.leakyRelu(t(x), alpha),
    // tfjs's ClipByValue reads int32 data as float32; clip integers with min/max instead.
    clip: (x, min, max) =>
      x.dtype === "int32"
        ? tidy(() =>
            tf.minimum(
              tf.maximum(t(x), tf.scalar(Math.max(min, -(2 ** 31)), "int32")),
              tf.scalar(Math.min(max, 2 ** 31 - 1), "int32"),
            ),
          )
        : tf.clipByValue(t(x), min, max),
    binary: (op, a, b) => {
      const fn = binaryOps[op];
      if ((op === "maximum" || op === "minimum") && isFloat(a.dtype)) {
        // tfjs returns the other operand when the second is NaN; propagate NaN like numpy.
        return tidy(() => {
          const x = t(a);
          const y = t(b);
          const m = fn(x, y);
          return tf.where(
            tf.notEqual(x, x),
            tf.add(x, tf.zerosLike(m)),
            tf.where(tf.notEqual(y, y), tf.add(y, tf.zerosLike(m)), m),
          );
        });
      }
      return fn(t(a), t(b));
    },
    compare: (op, a, b) => compareOps[op](t(a), t(b)),
    logical: (op, a, b) =>
      op === "logicalAnd" ? tf.logicalAnd(t(a), t(b)) : tf.logicalOr(t(a), t(b)),
    logicalNot: (x) => tf.logicalNot(t(x)),
    where: (cond, a, b, outShape) =>
      tidy(() => {
        const shape = [...outShape];
        return tf.where(
          tf.broadcastTo(t(cond), shape),
          tf.broadcastTo(t(a), shape),
          tf.broadcastTo(t(b), shape),
        );
      }),
    reduce: (op, x, axes) => {
      const [rows, cols] = x.shape as [number, number];
      if (
        (op === "sum" || op === "mean") &&
        x.dtype === "float32" &&
        x.shape.length === 2 &&
        axes.length === 1 &&
        axes[0] === 0 &&
        rows > 1 &&
        cols > 0
      ) {
        // A column sum as a [1 × rows]·[rows × cols] product: XNNPACK runs it several times faster
        // than tfjs's Sum over axis 0, which transposes first (7 µs against 15–41 µs on [100 × 100]),
        // and backprop's kernel faster still (its single-row tiles keep four sums in flight).
        const row = columnSumRow(rows, op === "mean" ? 1 / rows : 1);
        return tidy(() =>
          tf.reshape(
            options.ownKernels === true
              ? gemmMatMul(tf, row, t(x), false, false)
              : tf.matMul(row as never, t(x) as never),
            [cols],
          ),
        );
      }
      return reduceOps[op](t(x), [...axes]);
    },
    argReduce: (op, x, axis) => (op === "argMax" ? tf.argMax(t(x), axis) : tf.argMin(t(x), axis)),
    softmax: (x, axis, log) =>
      tidy(() => {
        const last = x.shape.length - 1;
        const perm = x.shape.map((_, i) => (i === axis ? last : i === last ? axis : i));
        const moved = axis === last ? t(x) : tf.transpose(t(x), perm);
        const out = log ? tf.logSoftmax(moved) : tf.softmax(moved);
        return axis === last ? out : tf.transpose(out, perm);
      }),
    logSumExp: (x, axis) => tf.logSumExp(t(x), axis),
    matMul: (a, b, transposeA, transposeB) =>
      options.ownKernels === true && a.dtype === "float32" && b.dtype === "float32"
        ? gemmMatMul(tf, t(a), t(b), transposeA, transposeB)
        : wasmMatMul(tf, t(a), t(b), transposeA, transposeB),
    ...(options.ownKernels === true
      ? {
          adamUpdate: (
            param: TensorInfo,
            grad: TensorInfo,
            m: TensorInfo,
            v: TensorInfo,
            o: AdamUpdateOptions,
          ) => adamKernel(tf, { param: t(param), grad: t(grad), m: t(m), v: t(v) }, o),
          addScaled: (a: TensorInfo, b: TensorInfo, alpha: number) =>
            addScaledKernel(tf, t(a), t(b), alpha),
          batchNormForward: (x: TensorInfo, gamma: TensorInfo, beta: TensorInfo, eps: number) =>
            batchNormForwardKernel(tf, t(x), t(gamma), t(beta), eps),
          batchNormBackward: (dy: TensorInfo, xn: TensorInfo, gamma: TensorInfo, std: TensorInfo) =>
            batchNormBackwardKernel(tf, t(dy), t(xn), t(gamma), t(std)),
          affine: (x: TensorInfo, w: TensorInfo, b: TensorInfo | undefined, relu: boolean) =>
            affineKernel(tf, t(x), t(w), b === undefined ? undefined : t(b), relu),
          affineBackward: (x: TensorInfo, w: TensorInfo, dy: TensorInfo, o: AffineBackwardFlags) =>
            affineBackwardKernel(tf, t(x), t(w), t(dy), o),
          reluBackward: (dy: TensorInfo, x: TensorInfo) => reluBackwardKernel(tf, t(dy), t(x)),
          movingAverage: (avg: TensorInfo, value: TensorInfo, decay: number, scale?: number) =>
            movingAverageKernel(tf, t(avg), t(value), decay, scale ?? null),
          softmaxCrossEntropy: (y: TensorInfo, target: TensorInfo, groups: number | undefined) =>
            softmaxCrossEntropyKernel(tf, t(y), t(target), groups),
        }
      : {}),
    transpose: (x, perm) => tf.transpose(t(x), [...perm]),
    reshape: (x, shape) => tf.reshape(t(x), [...shape]),
    slice: (x, begin, size) => tf.slice(t(x), [...begin], [...size]),
    gather: (x, indices, axis) => tf.gather(t(x), t(indices), axis),
    concat: (xs, axis) => (xs.length === 1 ? tf.clone(t(xs[0]!)) : tf.concat(xs.map(t), axis)),
    oneHot: (indices, depth, on, off, dtype) =>
      // The wasm OneHot kernel always writes int32 data, whatever dtype it is asked for; build the
      // 0/1 mask in int32 and map it to off/on in the requested dtype.
      tidy(() => {
        // tfjs's OneHot wants depth ≥ 2; one class is "index equals 0".
        const mask =
          depth === 1
            ? tf.reshape(tf.cast(tf.equal(t(indices), tf.scalar(0, "int32")), "int32"), [-1, 1])
            : tf.oneHot(t(indices) as never, depth, 1, 0, "int32");
        if (dtype === "bool")
          return tf.notEqual(
            tf.add(tf.mul(mask, tf.scalar(on - off, "int32")), tf.scalar(off, "int32")),
            tf.scalar(0, "int32"),
          );
        const kind = dtype === "int32" ? "int32" : "float32";
        return tf.add(tf.mul(tf.cast(mask, kind), tf.scalar(on - off, kind)), tf.scalar(off, kind));
      }),
  };
}

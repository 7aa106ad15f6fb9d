import type { Tfjs, TfTensor } from "./tfjs.js";

/**
 * `op(a)·op(b)` on the wasm backend, as one new tensor. How it computes transposed products: tfjs's `transposeA`/`transposeB` flags
 * make the wasm backend skip XNNPACK and fall back to a slow loop; an explicit `transpose`
 * followed by a plain matMul runs ~10× faster on every shape of the book's nets: e.g. xᵀ·dy for
 * [100×784] inputs at 18–24 GFLOP/s against 1.7 with the flag (measured by `bench/matmul.bench.ts`,
 * which also checks that this choice stays within 10% of the fastest form in each run).
 */
export function wasmMatMul(
  tf: Tfjs,
  a: TfTensor,
  b: TfTensor,
  transposeA: boolean,
  transposeB: boolean,
): TfTensor {
  const m = a.shape[transposeA ? 1 : 0]!;
  const k = a.shape[transposeA ? 0 : 1]!;
  const n = b.shape[transposeB ? 0 : 1]!;
  // XNNPACK rejects empty operands (and then returns garbage): an empty product is all zeros.
  if (m === 0 || k === 0 || n === 0) return tf.zeros([m, n]);
  if (!transposeA && !transposeB) return tf.matMul(a as never, b as never);
  return tf.tidy(() => {
    const left = transposeA ? tf.transpose(a) : a;
    const right = transposeB ? tf.transpose(b) : b;
    return tf.matMul(left as never, right as never);
  });
}

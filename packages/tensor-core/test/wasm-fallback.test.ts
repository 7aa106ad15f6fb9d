import { initBackend } from "@backprop/tensor-core";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { TensorInfo } from "../src/backend.js";
import { createWasmBackend } from "../src/backends/wasm/wasm-backend.js";

// Where backprop's own kernels cannot load (tfjs's threaded binary shares its memory), the wasm
// backend runs on tfjs's kernels alone: matMul through XNNPACK, no fused ops (the op layer then
// composes them). Both forms must agree.

beforeAll(async () => {
  await initBackend({ backend: "wasm" }); // loads tfjs's wasm backend (and registers our kernels)
});

const info = (t: tf.Tensor): TensorInfo => ({ shape: t.shape, dtype: "float32", handle: t });

describe("the wasm backend without backprop's own kernels", () => {
  it("offers no fused ops, and its XNNPACK matMul agrees with backprop's kernel", () => {
    const plain = createWasmBackend(tf);
    const own = createWasmBackend(tf, { ownKernels: true });
    expect(plain.addScaled).toBeUndefined();
    expect(plain.batchNormForward).toBeUndefined();
    expect(plain.adamUpdate).toBeUndefined();
    expect(own.adamUpdate).toBeTypeOf("function");
    const a = tf.tensor2d(
      Array.from({ length: 7 * 13 }, (_, i) => Math.sin(i)),
      [7, 13],
    );
    const b = tf.tensor2d(
      Array.from({ length: 13 * 6 }, (_, i) => Math.cos(i)),
      [13, 6],
    );
    const bt = tf.transpose(b);
    for (const [x, y, ta, tb] of [
      [a, b, false, false],
      [tf.transpose(a), b, true, false],
      [a, bt, false, true],
    ] as const) {
      const p = plain.matMul(info(x), info(y), ta, tb) as tf.Tensor;
      const q = own.matMul(info(x), info(y), ta, tb) as tf.Tensor;
      const [u, v] = [p.dataSync(), q.dataSync()];
      for (let i = 0; i < u.length; i++) expect(Math.abs(u[i]! - v[i]!)).toBeLessThan(1e-5);
      tf.dispose([p, q]);
    }
  });
});

import {
  initBackend,
  matMul,
  matMulNT,
  matMulTN,
  memory,
  tensor,
  zeros,
} from "@backprop/tensor-core";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";

// backprop's own float32 matMul kernel (kernels/gemm.ts) on the wasm backend. Every C[i, j] must be
// exactly the float32 sum A(i,0)·B(0,j) + A(i,1)·B(1,j) + … taken in order from 0, whatever tile or
// edge of the kernel computes it — so the expected values are bit-exact, not approximate.

/** The kernel's sum, in JavaScript: each product and each partial sum rounded to float32. */
function sequentialProduct(a: Float32Array, b: Float32Array, m: number, k: number, n: number) {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s = Math.fround(s + Math.fround(a[i * k + p]! * b[p * n + j]!));
      out[i * n + j] = s;
    }
  return out;
}

function transposeOf(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j]!;
  return out;
}

const values = (length: number) =>
  fc.float32Array({ minLength: length, maxLength: length, noNaN: true, min: -4, max: 4 });

describe("backprop's SIMD matMul kernel on the wasm backend", () => {
  beforeAll(async () => {
    await initBackend({ backend: "wasm" });
  });

  it("is the kernel the wasm backend uses", async () => {
    const info = await initBackend({ backend: "wasm" });
    expect(info.wasm?.matMulKernel).toBe("backprop-simd");
  });

  it("computes every element as the in-order float32 sum, for every shape, tile edge and transpose", () => {
    const dims = fc.record({
      m: fc.integer({ min: 1, max: 21 }),
      // n up to 40: single rows (m < 4) take 16-wide tiles
      // k past 256 too: long sums, as the book's 784-pixel inputs give
      k: fc.oneof(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 250, max: 530 })),
      n: fc.integer({ min: 1, max: 40 }),
    });
    const cases = dims.chain(({ m, k, n }) =>
      fc.record({
        m: fc.constant(m),
        k: fc.constant(k),
        n: fc.constant(n),
        a: values(m * k),
        b: values(k * n),
        form: fc.constantFrom("NN", "TN", "NT"),
      }),
    );
    fc.assert(
      fc.property(cases, ({ m, k, n, a, b, form }) => {
        const before = memory().numTensors;
        const left =
          form === "TN"
            ? tensor(transposeOf(a, m, k), { shape: [k, m] })
            : tensor(a, { shape: [m, k] });
        const right =
          form === "NT"
            ? tensor(transposeOf(b, k, n), { shape: [n, k] })
            : tensor(b, { shape: [k, n] });
        const c =
          form === "NN"
            ? matMul(left, right)
            : form === "TN"
              ? matMulTN(left, right)
              : matMulNT(left, right);
        expect(c.shape).toEqual([m, n]);
        expect(c.dataSync()).toEqual(sequentialProduct(a, b, m, k, n));
        left.dispose();
        right.dispose();
        c.dispose();
        expect(memory().numTensors).toBe(before);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it("is exact on the book's shapes too (4×8 tiles over 784 inner products)", () => {
    for (const [m, k, n] of [
      [100, 784, 100],
      [100, 100, 10],
      [7, 784, 50],
    ] as const) {
      const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i) * 0.5);
      const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i * 0.7));
      const c = matMul(tensor(a, { shape: [m, k] }), tensor(b, { shape: [k, n] }));
      expect(c.dataSync()).toEqual(sequentialProduct(a, b, m, k, n));
    }
  });

  it("gives zeros for an empty inner dimension and an empty result for an empty outer one", () => {
    expect(matMul(zeros([3, 0]), zeros([0, 5])).arraySync()).toEqual(
      Array.from({ length: 3 }, () => [0, 0, 0, 0, 0]),
    );
    expect(matMulTN(zeros([0, 2]), zeros([0, 3])).arraySync()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(matMul(zeros([0, 4]), zeros([4, 2])).shape).toEqual([0, 2]);
  });

  it("still reads the right memory after tfjs's heap has grown", () => {
    const a = Float32Array.from({ length: 12 * 9 }, (_, i) => (i % 7) - 3);
    const b = Float32Array.from({ length: 9 * 10 }, (_, i) => (i % 5) * 0.25);
    const big = zeros([(64 * 1024 * 1024) / 4 + 1]); // > 64 MiB: the heap must grow
    const c = matMul(tensor(a, { shape: [12, 9] }), tensor(b, { shape: [9, 10] }));
    expect(c.dataSync()).toEqual(sequentialProduct(a, b, 12, 9, 10));
    big.dispose();
  });
});

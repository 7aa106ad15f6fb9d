import {
  cast,
  concat,
  flatten,
  gather,
  gatherRows,
  matMul,
  matMulNT,
  matMulTN,
  oneHot,
  reshape,
  slice,
  tensor,
  transpose,
  zeros,
} from "@backprop/tensor-core";
import { expect, it } from "vitest";
import { describeEachBackend, expectClose } from "../support/backends.js";

function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

function transposed(a: number[][]): number[][] {
  return a[0]!.map((_, j) => a.map((r) => r[j]!));
}

const A = [
  [1, 2, 3],
  [4, 5, 6],
];
const B = [
  [0.5, -1],
  [2, 0],
  [1, 3],
];

describeEachBackend("matMul", () => {
  it("matMul, matMulTN and matMulNT agree with a naive product", () => {
    expectClose(matMul(tensor(A), tensor(B)), naive(A, B));
    expectClose(matMulTN(tensor(transposed(A)), tensor(B)), naive(A, B));
    expectClose(matMulNT(tensor(A), tensor(transposed(B))), naive(A, B));
  });

  it("handles k = 0 and 1×1", () => {
    expectClose(matMul(zeros([2, 0]), zeros([0, 3])), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expectClose(matMul(tensor([[3]]), tensor([[4]])), [[12]]);
  });

  it("matches a naive product on the shapes of the book's nets", () => {
    const rows = (r: number, c: number, s: number) =>
      Array.from({ length: r }, (_, i) =>
        Array.from({ length: c }, (_, j) => Math.sin(s + i * 0.37 + j * 0.11)),
      );
    const x = rows(20, 78, 1);
    const w = rows(78, 10, 2);
    expectClose(matMul(tensor(x), tensor(w)), naive(x, w));
    const dy = rows(20, 10, 3);
    expectClose(matMulTN(tensor(x), tensor(dy)), naive(transposed(x), dy));
    expectClose(matMulNT(tensor(dy), tensor(w)), naive(dy, transposed(w)));
  });
});

describeEachBackend("shape ops", () => {
  it("reshape with -1 and flatten", () => {
    const x = tensor([1, 2, 3, 4, 5, 6]);
    expect(reshape(x, [2, -1]).arraySync()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(reshape(x, [3, 2]).shape).toEqual([3, 2]);
    expect(flatten(zeros([4, 2, 3])).shape).toEqual([4, 6]);
    expect(reshape(tensor([5]), []).shape).toEqual([]);
  });

  it("transpose: default reversal and explicit perm", () => {
    expect(transpose(tensor(A)).arraySync()).toEqual(transposed(A));
    const x = reshape(tensor(Array.from({ length: 24 }, (_, i) => i)), [2, 3, 4]);
    const t = transpose(x, { perm: [1, 0, 2] });
    expect(t.shape).toEqual([3, 2, 4]);
    const v = t.arraySync() as number[][][];
    expect(v[2]![1]![3]).toBe(1 * 12 + 2 * 4 + 3);
  });

  it("slice", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(slice(x, [0, 1], [2, 2]).arraySync()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(slice(x, [1]).arraySync()).toEqual([[4, 5, 6]]);
    expect(slice(x, [0, 1], [-1, 1]).arraySync()).toEqual([[2], [5]]);
    expect(slice(x, [2, 0], [0, 3]).shape).toEqual([0, 3]);
  });

  it("gather along rows and columns, with tensor or array indices", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(gather(x, [2, 0]).arraySync()).toEqual([
      [5, 6],
      [1, 2],
    ]);
    expect(gatherRows(x, tensor([1, 1], { dtype: "int32" })).arraySync()).toEqual([
      [3, 4],
      [3, 4],
    ]);
    expect(gather(x, [1], { axis: 1 }).arraySync()).toEqual([[2], [4], [6]]);
    expect(gather(x, []).shape).toEqual([0, 2]);
    expect(gather(tensor([7, 8, 9], { dtype: "int32" }), [2]).arraySync()).toEqual([9]);
  });

  it("concat along either axis", () => {
    expect(
      concat([
        tensor([[1, 2]]),
        tensor([
          [3, 4],
          [5, 6],
        ]),
      ]).arraySync(),
    ).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(
      concat(
        [
          tensor([[1], [2]]),
          tensor([
            [3, 4],
            [5, 6],
          ]),
        ],
        { axis: -1 },
      ).arraySync(),
    ).toEqual([
      [1, 3, 4],
      [2, 5, 6],
    ]);
    expect(concat([tensor([1])]).arraySync()).toEqual([1]);
  });

  it("oneHot, including an out-of-range index and custom on/off", () => {
    const idx = tensor([2, 0, 5, -1], { dtype: "int32" });
    expectClose(oneHot(idx, 3), [
      [0, 0, 1],
      [1, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expectClose(oneHot(tensor([1], { dtype: "int32" }), 2, { on: 0.9, off: 0.05 }), [[0.05, 0.9]]);
    expect(oneHot(idx, 3, { dtype: "int32" }).dtype).toBe("int32");
    // A single class (tfjs's own OneHot refuses depth 1).
    expectClose(oneHot(idx, 1), [[0], [1], [0], [0]]);
  });

  it("cast between every dtype pair", () => {
    const x = tensor([1.7, -1.7, 0, 2]);
    expect(cast(x, "int32").arraySync()).toEqual([1, -1, 0, 2]);
    expect(cast(x, "bool").arraySync()).toEqual([1, 1, 0, 1]);
    expect(cast(tensor([true, false]), "float").arraySync()).toEqual([1, 0]);
    expect(cast(tensor([3, 0], { dtype: "int32" }), "bool").arraySync()).toEqual([1, 0]);
    expect(cast(tensor([3, 0], { dtype: "int32" }), "float").dtype).toBe(x.dtype);
    expectClose(cast(x, "float"), [1.7, -1.7, 0, 2]);
  });
});

import {
  argMax,
  argMin,
  logSoftmax,
  logSumExp,
  max,
  mean,
  min,
  softmax,
  sum,
  tensor,
  zeros,
} from "@backprop/tensor-core";
import { expect, it } from "vitest";
import { describeEachBackend, expectClose } from "../support/backends.js";

const M = [
  [1, 5, 2],
  [7, -3, 0.5],
];

describeEachBackend("reductions", () => {
  it("sum over all, one, several and negative axes, with keepDims", () => {
    const x = tensor(M);
    expectClose(sum(x), 12.5);
    expectClose(sum(x, { axis: 0 }), [8, 2, 2.5]);
    expectClose(sum(x, { axis: -1 }), [8, 4.5]);
    expectClose(sum(x, { axis: [0, 1] }), 12.5);
    expectClose(sum(x, { axis: 1, keepDims: true }), [[8], [4.5]]);
    expect(sum(x, { keepDims: true }).shape).toEqual([1, 1]);
    expectClose(sum(x, { axis: [] }), M);
  });

  it("sum over a rank-3 tensor on the middle axis", () => {
    const x = tensor([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    expectClose(sum(x, { axis: 1 }), [
      [4, 6],
      [12, 14],
    ]);
    expectClose(sum(x, { axis: [0, 2] }), [14, 22]);
  });

  it("mean, max, min", () => {
    const x = tensor(M);
    expectClose(mean(x), 12.5 / 6);
    expectClose(mean(x, { axis: 0 }), [4, 1, 1.25]);
    expectClose(max(x, { axis: 1 }), [5, 7]);
    expectClose(min(x, { axis: 0 }), [1, -3, 0.5]);
    expectClose(max(x), 7);
  });

  it("int32 sum and max stay int32", () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: "int32" },
    );
    expect(sum(x, { axis: 0 }).dtype).toBe("int32");
    expect(sum(x, { axis: 0 }).arraySync()).toEqual([4, 6]);
    expect(max(x).arraySync()).toEqual(4);
  });

  it("sum of an empty axis is 0", () => {
    expectClose(sum(tensor([])), 0);
    expectClose(sum(zeros([2, 0]), { axis: 1 }), [0, 0]);
  });

  it("argMax and argMin take the first extreme index", () => {
    const x = tensor([
      [0.1, 0.7, 0.7],
      [0.5, 0.3, 0.2],
    ]);
    const am = argMax(x);
    expect(am.dtype).toBe("int32");
    expect(am.arraySync()).toEqual([1, 0]);
    expect(argMax(x, { axis: 0 }).arraySync()).toEqual([1, 0, 0]);
    expect(argMin(x).arraySync()).toEqual([0, 2]);
    expect(argMax(tensor([3, 9, 9, 1])).arraySync()).toEqual(1);
  });
});

describeEachBackend("softmax family", () => {
  it("softmax rows sum to 1 and match the formula", () => {
    const x = tensor(M);
    const expected = M.map((row) => {
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
    expectClose(softmax(x), expected);
    expectClose(sum(softmax(x), { axis: -1 }), [1, 1]);
  });

  it("softmax along axis 0 equals the transpose of softmax along the rows", () => {
    const x = tensor(M);
    const cols = M[0]!.map((_, j) => M.map((r) => r[j]!));
    const expected = cols.map((col) => {
      const m = Math.max(...col);
      const e = col.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
    expectClose(
      softmax(x, { axis: 0 }),
      [0, 1].map((i) => expected.map((c) => c[i]!)),
    );
  });

  it("is stable for huge logits", () => {
    expectClose(
      softmax(
        tensor([
          [1000, 1000],
          [-1000, 0],
        ]),
      ),
      [
        [0.5, 0.5],
        [0, 1],
      ],
    );
    const ls = logSoftmax(tensor([0, 1e4, -1e4]));
    expectClose(ls, [-1e4, 0, -2e4]);
    expect(Array.from(ls.dataSync()).every(Number.isFinite)).toBe(true);
  });

  it("logSumExp with and without keepDims", () => {
    expectClose(logSumExp(tensor([1e4, 1e4])), 1e4 + Math.log(2));
    expectClose(
      logSumExp(tensor(M)),
      M.map((r) => {
        const m = Math.max(...r);
        return m + Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0));
      }),
    );
    expect(logSumExp(tensor(M), { axis: 0, keepDims: true }).shape).toEqual([1, 3]);
  });
});

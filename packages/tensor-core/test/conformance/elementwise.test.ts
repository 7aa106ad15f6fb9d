import {
  abs,
  add,
  clip,
  div,
  equal,
  exp,
  greater,
  greaterEqual,
  leakyRelu,
  less,
  lessEqual,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  maximum,
  minimum,
  mul,
  neg,
  notEqual,
  pow,
  reciprocal,
  relu,
  rsqrt,
  sigmoid,
  sign,
  sqrt,
  square,
  step,
  sub,
  type Tensor,
  tanh,
  tensor,
  where,
} from "@backprop/tensor-core";
import { expect, it } from "vitest";
import { describeEachBackend, expectClose } from "../support/backends.js";

const X = [-3, -1.5, -0.25, 0, 0.5, 2, 4.75];
const POSITIVE = [0.01, 0.5, 1, 2, 9, 100];

const UNARY: Array<[string, (x: Tensor) => Tensor, (v: number) => number, number[]]> = [
  ["neg", neg, (v) => -v, X],
  ["abs", abs, Math.abs, X],
  ["sign", sign, Math.sign, X],
  ["square", square, (v) => v * v, X],
  ["exp", exp, Math.exp, X],
  ["log", log, Math.log, POSITIVE],
  ["log1p", log1p, Math.log1p, [...POSITIVE, 1e-10, -0.5]],
  ["sqrt", sqrt, Math.sqrt, POSITIVE],
  ["rsqrt", rsqrt, (v) => 1 / Math.sqrt(v), POSITIVE],
  ["reciprocal", reciprocal, (v) => 1 / v, [...POSITIVE, -2]],
  ["sigmoid", sigmoid, (v) => 1 / (1 + Math.exp(-v)), X],
  ["tanh", tanh, Math.tanh, X],
  ["relu", relu, (v) => Math.max(v, 0), X],
  ["step", step, (v) => (v > 0 ? 1 : 0), X],
];

describeEachBackend("elementwise", (backend) => {
  for (const [name, op, oracle, values] of UNARY) {
    it(`${name} matches Math`, () => {
      expectClose(op(tensor(values)), values.map(oracle));
    });
  }

  it("sigmoid and tanh saturate without overflow", () => {
    expectClose(sigmoid(tensor([-1000, 1000, -80, 80])), [0, 1, 1 / (1 + Math.exp(80)), 1]);
    expectClose(tanh(tensor([-1000, 1000])), [-1, 1]);
  });

  it("log edge cases: log(0) = -Infinity, log(-1) = NaN", () => {
    expectClose(log(tensor([0, -1])), [-Infinity, Number.NaN]);
  });

  it("neg, abs, sign, square keep int32", () => {
    const x = tensor([-2, 0, 3], { dtype: "int32" });
    expect(neg(x).arraySync()).toEqual([2, 0, -3]);
    expect(abs(x).dtype).toBe("int32");
    expect(sign(x).arraySync()).toEqual([-1, 0, 1]);
    expect(square(x).arraySync()).toEqual([4, 0, 9]);
  });

  it("leakyRelu with the default and a custom slope", () => {
    expectClose(leakyRelu(tensor([-100, 0, 3])), [-1, 0, 3]);
    expectClose(leakyRelu(tensor([-2, 5]), { alpha: 0.2 }), [-0.4, 5]);
  });

  it("clip", () => {
    expectClose(clip(tensor([-5, 0.5, 5]), { min: 0, max: 1 }), [0, 0.5, 1]);
    expect(clip(tensor([-5, 5], { dtype: "int32" }), { min: -1, max: 2 }).arraySync()).toEqual([
      -1, 2,
    ]);
  });

  const BINARY: Array<
    [string, (a: Tensor | number, b: Tensor | number) => Tensor, (a: number, b: number) => number]
  > = [
    ["add", add, (a, b) => a + b],
    ["sub", sub, (a, b) => a - b],
    ["mul", mul, (a, b) => a * b],
    ["div", div, (a, b) => a / b],
    ["pow", pow, (a, b) => a ** b],
    ["maximum", maximum, Math.max],
    ["minimum", minimum, Math.min],
  ];
  const A = [
    [1.5, 2, 3],
    [4, 0.5, 6],
  ];
  const B = [0.5, 2, 1.25];
  for (const [name, op, oracle] of BINARY) {
    it(`${name}: same shape, broadcast row, broadcast column, scalar on either side`, () => {
      const a = tensor(A);
      expectClose(
        op(a, tensor(A)),
        A.map((r) => r.map((v) => oracle(v, v))),
      );
      expectClose(
        op(a, tensor(B)),
        A.map((r) => r.map((v, j) => oracle(v, B[j]!))),
      );
      expectClose(
        op(a, tensor([[2], [3]])),
        A.map((r, i) => r.map((v) => oracle(v, i + 2))),
      );
      expectClose(
        op(a, 2),
        A.map((r) => r.map((v) => oracle(v, 2))),
      );
      expectClose(
        op(2, a),
        A.map((r) => r.map((v) => oracle(2, v))),
      );
      // Both sides broadcast: [2, 1] with [3] gives [2, 3].
      expectClose(
        op(tensor([[1], [2]]), tensor(B)),
        [1, 2].map((i) => B.map((v) => oracle(i, v))),
      );
    });
  }

  it("maximum and minimum propagate NaN", () => {
    expectClose(maximum(tensor([Number.NaN, 1]), tensor([0, Number.NaN])), [
      Number.NaN,
      Number.NaN,
    ]);
    expectClose(minimum(tensor([Number.NaN]), 0), [Number.NaN]);
  });

  it("int32 arithmetic stays int32", () => {
    const a = tensor([5, -3], { dtype: "int32" });
    const r = add(mul(a, 2), tensor([1, 1], { dtype: "int32" }));
    expect(r.dtype).toBe("int32");
    expect(r.arraySync()).toEqual([11, -5]);
  });

  it("comparisons return bool", () => {
    const x = tensor([-1, 0, 1]);
    const cases: Array<[(a: Tensor | number, b: Tensor | number) => Tensor, number[]]> = [
      [equal, [0, 1, 0]],
      [notEqual, [1, 0, 1]],
      [greater, [0, 0, 1]],
      [greaterEqual, [0, 1, 1]],
      [less, [1, 0, 0]],
      [lessEqual, [1, 1, 0]],
    ];
    for (const [op, expected] of cases) {
      const r = op(x, 0);
      expect(r.dtype).toBe("bool");
      expect(r.arraySync()).toEqual(expected);
    }
    expect(greater(tensor([[1], [3]]), tensor([0, 2, 4])).arraySync()).toEqual([
      [1, 0, 0],
      [1, 1, 0],
    ]);
  });

  it("logical ops", () => {
    const a = tensor([true, true, false, false]);
    const b = tensor([true, false, true, false]);
    expect(logicalAnd(a, b).arraySync()).toEqual([1, 0, 0, 0]);
    expect(logicalOr(a, b).arraySync()).toEqual([1, 1, 1, 0]);
    expect(logicalNot(a).arraySync()).toEqual([0, 0, 1, 1]);
  });

  it("where with broadcasting and scalars", () => {
    const x = tensor([
      [-2, 3],
      [4, -5],
    ]);
    expectClose(where(greater(x, 0), x, 0), [
      [0, 3],
      [4, 0],
    ]);
    expectClose(where(tensor([true, false]), tensor([[1, 2]]), tensor([[10], [20]])), [
      [1, 10],
      [1, 20],
    ]);
    expect(where(tensor([true, false]), tensor([1, 2], { dtype: "int32" }), 7).arraySync()).toEqual(
      [1, 7],
    );
    // Two numbers: scalars in the backend's float dtype.
    const picked = where(tensor([true, false]), 1, 0.25);
    expect(picked.dtype).toBe(backend === "wasm" ? "float32" : "float64");
    expect(picked.arraySync()).toEqual([1, 0.25]);
  });
});

import * as tc from "@backprop/tensor-core";
import { initBackend, scope, type Tensor, tensor } from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";

fc.configureGlobal({ seed: 20261124, numRuns: 60 });

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

/** Float32-representable values, so both backends start from identical inputs. */
const value = (limit: number) =>
  fc.double({ min: -limit, max: limit, noNaN: true, noDefaultInfinity: true }).map(Math.fround);

const shapeArb = (maxRank = 3, maxDim = 5) =>
  fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: 1, maxLength: maxRank });

const tensorArb = (limit: number, shape = shapeArb()) =>
  shape.chain((s) =>
    fc
      .array(value(limit), {
        minLength: s.reduce((a, b) => a * b, 1),
        maxLength: s.reduce((a, b) => a * b, 1),
      })
      .map((values) => ({ shape: s, values })),
  );

type Data = { shape: number[]; values: number[] };

/** Runs `op` on both backends and returns [wasm result, reference result] as flat arrays. */
function both(
  inputs: Data[],
  op: (...ts: Tensor[]) => Tensor,
): [Float64Array, Float64Array, number[]] {
  const run = (backend: "wasm" | "reference") =>
    scope(() => {
      const out = op(...inputs.map((d) => tensor(d.values, { shape: d.shape, backend })));
      return { values: Float64Array.from(out.dataSync()), shape: [...out.shape] };
    });
  const w = run("wasm");
  const r = run("reference");
  expect(w.shape).toEqual(r.shape);
  return [w.values, r.values, r.shape];
}

function expectAllClose(a: Float64Array, b: Float64Array, rtol: number, atol: number): void {
  for (let i = 0; i < b.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(y)) {
      expect(x, `element ${i}`).toBeNaN();
      continue;
    }
    if (!Number.isFinite(y)) {
      expect(x, `element ${i}`).toBe(y);
      continue;
    }
    const ok = Math.abs(x - y) <= atol + rtol * Math.max(Math.abs(x), Math.abs(y));
    if (!ok) expect(x, `element ${i}: wasm ${x} vs reference ${y}`).toBeCloseTo(y, 12);
  }
}

describe("wasm agrees with the float64 reference within float32 tolerance", () => {
  const unary: Array<[string, (t: Tensor) => Tensor, number]> = [
    ["neg", tc.neg, 100],
    ["abs", tc.abs, 100],
    ["square", tc.square, 100],
    ["exp", tc.exp, 20],
    ["sigmoid", tc.sigmoid, 50],
    ["tanh", tc.tanh, 20],
    ["relu", tc.relu, 100],
    ["leakyRelu", (t) => tc.leakyRelu(t, { alpha: 0.1 }), 100],
  ];
  for (const [name, op, limit] of unary) {
    test.prop([tensorArb(limit)])(name, (x) => {
      const [w, r] = both([x], op);
      expectAllClose(w, r, 1e-5, 1e-6);
    });
  }

  test.prop([tensorArb(100)])("log, sqrt and reciprocal on positive inputs", (x) => {
    const pos = { shape: x.shape, values: x.values.map((v) => Math.fround(Math.abs(v) + 0.5)) };
    for (const op of [tc.log, tc.sqrt, tc.reciprocal, tc.rsqrt, tc.log1p]) {
      const [w, r] = both([pos], op);
      expectAllClose(w, r, 1e-5, 1e-6);
    }
  });

  const broadcastPair = shapeArb(3, 4).chain((shape) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
        fc.integer({ min: 0, max: shape.length - 1 }),
      )
      .chain(([ones, drop]) => {
        // b: a's shape with some dims set to 1 and possibly leading dims dropped.
        const bShape = shape.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
        return fc.tuple(tensorArb(10, fc.constant(shape)), tensorArb(10, fc.constant(bShape)));
      }),
  );

  const binary: Array<[string, (a: Tensor, b: Tensor) => Tensor]> = [
    ["add", tc.add],
    ["sub", tc.sub],
    ["mul", tc.mul],
    ["maximum", tc.maximum],
    ["minimum", tc.minimum],
  ];
  for (const [name, op] of binary) {
    test.prop([broadcastPair])(`${name} with broadcasting`, ([a, b]) => {
      const [w, r] = both([a, b], op);
      expectAllClose(w, r, 1e-5, 1e-5);
      const [w2, r2] = both([b, a], op);
      expectAllClose(w2, r2, 1e-5, 1e-5);
    });
  }

  test.prop([broadcastPair])("div with broadcasting (denominators away from 0)", ([a, b]) => {
    const safe = {
      shape: b.shape,
      values: b.values.map((v) => Math.fround(v >= 0 ? v + 0.5 : v - 0.5)),
    };
    const [w, r] = both([a, safe], tc.div);
    expectAllClose(w, r, 1e-5, 1e-6);
  });

  test.prop([tensorArb(10), fc.boolean()])(
    "sum, mean, max, min over random axes",
    (x, keepDims) => {
      const rank = x.shape.length;
      for (const axis of [undefined, 0, rank - 1, -1]) {
        const options = axis === undefined ? { keepDims } : { axis, keepDims };
        const n = x.values.length;
        for (const op of [tc.sum, tc.mean]) {
          const [w, r] = both([x], (t) => op(t, options));
          expectAllClose(w, r, 1e-5, 1e-5 * n * 10);
        }
        for (const op of [tc.max, tc.min]) {
          const [w, r] = both([x], (t) => op(t, options));
          expectAllClose(w, r, 0, 0);
        }
      }
    },
  );

  test.prop([tensorArb(1e4)])(
    "softmax rows sum to 1; log-softmax stays finite for |x| up to 1e4",
    (x) => {
      const [w, r, shape] = both([x], (t) => tc.softmax(t));
      expectAllClose(w, r, 1e-4, 1e-6);
      const last = shape[shape.length - 1]!;
      for (let row = 0; row < r.length / last; row++) {
        let s = 0;
        for (let j = 0; j < last; j++) s += r[row * last + j]!;
        expect(s).toBeCloseTo(1, 12);
      }
      const [lw, lr] = both([x], (t) => tc.logSoftmax(t));
      expect(Array.from(lw).every(Number.isFinite)).toBe(true);
      expect(Array.from(lr).every(Number.isFinite)).toBe(true);
      expectAllClose(lw, lr, 1e-5, 1e-2);
    },
  );

  test.prop([tensorArb(10, shapeArb(4, 4))])("transpose twice is the identity", (x) => {
    const [w, r] = both([x], (t) => tc.transpose(tc.transpose(t)));
    expectAllClose(w, r, 0, 0);
    expectAllClose(r, Float64Array.from(x.values), 0, 0);
  });

  const matrices = fc
    .tuple(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 12 }),
    )
    .chain(([m, k, n]) =>
      fc.tuple(tensorArb(4, fc.constant([m, k])), tensorArb(4, fc.constant([k, n]))),
    );

  test.prop([matrices])("matMul, matMulTN and matMulNT against a naive triple loop", ([a, b]) => {
    const [m, k] = a.shape as [number, number];
    const n = b.shape[1]!;
    const expected = new Float64Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.values[i * k + p]! * b.values[p * n + j]!;
        expected[i * n + j] = s;
      }
    const transpose = (d: Data): Data => {
      const [r, c] = d.shape as [number, number];
      const values = new Array<number>(r * c);
      for (let i = 0; i < r; i++)
        for (let j = 0; j < c; j++) values[j * r + i] = d.values[i * c + j]!;
      return { shape: [c, r], values };
    };
    const atol = 1e-5 * k * 16 + 1e-6;
    const [w, r] = both([a, b], tc.matMul);
    expectAllClose(r, expected, 1e-12, 1e-12);
    expectAllClose(w, expected, 1e-5, atol);
    const [wt, rt] = both([transpose(a), b], tc.matMulTN);
    expectAllClose(rt, expected, 1e-12, 1e-12);
    expectAllClose(wt, expected, 1e-5, atol);
    const [wn, rn] = both([a, transpose(b)], tc.matMulNT);
    expectAllClose(rn, expected, 1e-12, 1e-12);
    expectAllClose(wn, expected, 1e-5, atol);
  });

  test.prop([tensorArb(10, shapeArb(3, 5))])(
    "argMax agrees (ties broken by the first index)",
    (x) => {
      const [w, r] = both([x], (t) => tc.cast(tc.argMax(t), "float"));
      expectAllClose(w, r, 0, 0);
    },
  );
});

import { initBackend, matMul, matMulNT, matMulTN, scope, sum, tensor } from "@backprop/tensor-core";

await initBackend({ backend: "wasm" });
const r = (m: number, n: number) =>
  tensor(
    Float32Array.from({ length: m * n }, () => Math.random() - 0.5),
    { shape: [m, n], dtype: "float", backend: "wasm" },
  );
const x = r(100, 784),
  w1 = r(784, 100),
  h = r(100, 100),
  w = r(100, 100),
  w6 = r(100, 10),
  d6 = r(100, 10);
function time(label: string, fn: () => void, n = 300) {
  for (let i = 0; i < 50; i++) fn();
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, ((performance.now() - t0) * 1000) / n);
  }
  console.log(label, best.toFixed(1), "µs");
}
time("fwd1 x·W1", () =>
  scope(() => {
    matMul(x, w1);
  }),
);
time("dW1 xT·dy", () =>
  scope(() => {
    matMulTN(x, h);
  }),
);
time("fwd h·W", () =>
  scope(() => {
    matMul(h, w);
  }),
);
time("dW hT·dy", () =>
  scope(() => {
    matMulTN(h, h);
  }),
);
time("dX dy·WT", () =>
  scope(() => {
    matMulNT(h, w);
  }),
);
time("db sum", () =>
  scope(() => {
    sum(h, { axis: 0 });
  }),
);
time("fwd6 h·W6", () =>
  scope(() => {
    matMul(h, w6);
  }),
);
time(
  "whole step's products",
  () =>
    scope(() => {
      matMul(x, w1);
      matMulTN(x, h);
      sum(h, { axis: 0 });
      for (let l = 0; l < 4; l++) {
        matMul(h, w);
        matMulTN(h, h);
        matMulNT(h, w);
        sum(h, { axis: 0 });
      }
      matMul(h, w6);
      matMulTN(h, d6);
      matMulNT(d6, w6);
      sum(d6, { axis: 0 });
    }),
  100,
);

import { seedArb } from "@backprop/gradcheck";
import {
  BatchNorm,
  Dense,
  Dropout,
  type Layer,
  LeakyReLU,
  ReLU,
  Sigmoid,
  Tanh,
} from "@backprop/layers";
import { createRng } from "@backprop/random";
import {
  type BackendName,
  initBackend,
  randomNormal,
  type Tensor,
  toBackend,
} from "@backprop/tensor-core";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, expect } from "vitest";

fc.configureGlobal({ seed: 99, numRuns: 30 });

beforeAll(async () => {
  await initBackend({ backend: "wasm" });
});

const MAKERS: Record<
  string,
  (inF: number, outF: number, seed: number, backend: BackendName) => Layer
> = {
  dense: (i, o, seed, backend) => new Dense(i, o, { rng: createRng(seed), backend }),
  relu: () => new ReLU(),
  leakyRelu: () => new LeakyReLU({ slope: 0.1 }),
  sigmoid: () => new Sigmoid(),
  tanh: () => new Tanh(),
  batchNorm: (i, _o, _seed, backend) => new BatchNorm(i, { backend }),
  dropout: (_i, _o, seed) => new Dropout({ ratio: 0.3, rng: createRng(seed) }),
};

function close(a: Tensor, b: Tensor, what: string): void {
  expect(a.shape, what).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  for (let i = 0; i < y.length; i++) {
    const tol = 1e-5 + 1e-4 * Math.abs(y[i]!);
    if (Math.abs(x[i]! - y[i]!) > tol) expect(x[i], `${what}[${i}]`).toBeCloseTo(y[i]!, 10);
  }
}

for (const [name, make] of Object.entries(MAKERS)) {
  test.prop([
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 8 }),
    fc.integer({ min: 1, max: 8 }),
    seedArb(),
  ])(
    `${name}: forward and backward on wasm match the float64 reference`,
    (batch, inF, outF, seed) => {
      const ref = make(inF, outF, seed, "reference");
      const wasm = make(inF, outF, seed, "wasm");
      const x = randomNormal([batch, inF], { rng: createRng(seed + 1), backend: "reference" });
      const yRef = ref.forward(x, { training: true });
      const yWasm = wasm.forward(toBackend(x, "wasm"), { training: true });
      close(yWasm, yRef, "y");
      const dy = randomNormal([...yRef.shape], { rng: createRng(seed + 2), backend: "reference" });
      close(wasm.backward(toBackend(dy, "wasm")), ref.backward(dy), "dx");
      for (const [key, g] of ref.grads) close(wasm.grads.get(key)!, g, key);
      ref.dispose();
      wasm.dispose();
    },
  );
}

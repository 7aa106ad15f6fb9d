import { createRng } from "@backprop/random";
import {
  add,
  initBackend,
  matMul,
  memory,
  randomNormal,
  relu,
  scope,
  tensor,
  toBackend,
} from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/** One computation on the wasm backend (float32) and on the float64 reference backend. */
export async function run(out: ExampleOutput): Promise<number> {
  const info = await initBackend({ backend: "wasm", ...out.wasm }); // once; wasm becomes the default
  out.log(
    `backend ${info.backend} (${info.floatDType}), SIMD ${info.wasm?.simd}, ${info.wasm?.wasmFile}, matMul ${info.wasm?.matMulKernel}`,
  );

  const before = memory().numTensors;
  const w = randomNormal([3, 2], { rng: createRng(42), std: 0.1 });
  const x = tensor([[1, 2, 3]]);
  // scope() disposes every intermediate tensor and keeps what it returns.
  const y = scope(() => relu(add(matMul(x, w), 0.5)));
  const yRef = scope(() =>
    relu(add(matMul(toBackend(x, "reference"), toBackend(w, "reference")), 0.5)),
  );
  out.log(`wasm:      [${Array.from(y.dataSync()).join(", ")}] ${y.dtype}`);
  out.log(`reference: [${Array.from(yRef.dataSync()).join(", ")}] ${yRef.dtype}`);
  const diff = Math.max(...Array.from(y.dataSync(), (v, i) => Math.abs(v - yRef.dataSync()[i]!)));
  out.log(`largest difference: ${diff.toExponential(2)} (float32 rounding)`);

  for (const t of [w, x, y, yRef]) t.dispose();
  out.log(`nothing leaked: ${memory().numTensors === before}`);
  return diff;
}

// The README's main job (until the trainer lands): start the wasm backend, gradient-check a small
// network on the float64 reference backend, and compare its loss on both backends. The root
// `pnpm start` script then prints the matMul benchmark table.
import { checkGradients, formatReport } from "@backprop/gradcheck";
import { createRng } from "@backprop/random";
import { initBackend, memory, scope, tensor, toBackend } from "@backprop/tensor-core";
import { backward, initTwoLayerNet, loss, onBackend } from "./two-layer-net.js";

const SEED = 42;
const info = await initBackend({ backend: "wasm" });
const wasm = info.wasm!;
console.log(`backprop demo (seed ${SEED})`);
console.log(
  `wasm backend: SIMD ${wasm.simd ? "on" : "OFF"}, threads ${wasm.threads ? "on" : "off"}, tfjs ${wasm.tfjsVersion}, binary ${wasm.wasmFile}`,
);

const classes = 3;
const rng = createRng(SEED);
const labels = tensor([0, 2, 1, 2], { dtype: "int32", backend: "reference" });
const inputs = initTwoLayerNet(rng, { input: 6, hidden: 5, output: classes, batch: 4 });
const count = Object.values(inputs).reduce((s, t) => s + t.size, 0);
console.log(
  `\nGradient check: two-layer net 6-5-${classes} (sigmoid, softmax cross-entropy), batch 4, ${count} values, float64`,
);
const report = checkGradients({
  f: loss(labels, classes),
  inputs,
  analytic: backward(labels, classes),
});
console.log(formatReport(report));

const [lossRef, lossWasm] = scope(() => {
  const wasmInputs = onBackend(inputs, "wasm");
  const ref = loss(labels, classes)(inputs).item();
  const w = loss(toBackend(labels, "wasm"), classes)(wasmInputs).item();
  return [ref, w];
});
console.log(`\nloss on reference (float64): ${lossRef.toPrecision(10)}`);
console.log(
  `loss on wasm (float32):      ${lossWasm.toPrecision(10)}   |difference| ${Math.abs(lossRef - lossWasm).toExponential(2)}`,
);
console.log(`live tensors: ${memory().numTensors}`);
if (!report.ok) process.exitCode = 1;

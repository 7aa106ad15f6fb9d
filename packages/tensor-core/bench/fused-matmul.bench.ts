// Does tfjs's fused matMul (+ bias, + ReLU) beat two or three separate kernels on wasm? The layers
// keep separate ops unless this shows a gain (issue: "try it, keep it only if it wins").
import { fileURLToPath } from "node:url";
import { initBackend } from "@backprop/tensor-core";
import { formatTable, measure, quickMode, writeResults } from "@backprop-tools/bench-harness";
import * as tf from "@tensorflow/tfjs-core";

export async function benchFusedMatMul(quick = quickMode()) {
  await initBackend({ backend: "wasm" });
  const timing = quick
    ? { time: 150, warmupTime: 50, rounds: 2 }
    : { time: 500, warmupTime: 150, rounds: 3 };
  const rows: Array<[string, string, number]> = [];
  const biasGains: number[] = [];
  const reluGains: number[] = [];
  for (const [m, k, n] of [
    [100, 784, 100],
    [100, 100, 100],
    [100, 100, 10],
  ] as const) {
    const x = tf.randomNormal([m, k]);
    const w = tf.randomNormal([k, n]);
    const b = tf.randomNormal([n]);
    const ms = await measure(
      {
        "matMul, add": () => tf.tidy(() => tf.add(tf.matMul(x, w), b)).dispose(),
        "fused matMul + bias": () => tf.fused.matMul({ a: x, b: w, bias: b }).dispose(),
        "matMul, add, relu": () => tf.tidy(() => tf.relu(tf.add(tf.matMul(x, w), b))).dispose(),
        "fused matMul + bias + relu": () =>
          tf.fused.matMul({ a: x, b: w, bias: b, activation: "relu" }).dispose(),
      },
      timing,
    );
    const shape = `[${m}×${k}]·[${k}×${n}]`;
    for (const [form, t] of Object.entries(ms)) rows.push([shape, form, t * 1000]);
    biasGains.push(ms["matMul, add"]! / ms["fused matMul + bias"]!);
    reluGains.push(ms["matMul, add, relu"]! / ms["fused matMul + bias + relu"]!);
    tf.dispose([x, w, b]);
  }
  console.log("\nFused matMul on wasm (µs per call)");
  console.log(formatTable(["shape", "form", "µs"], rows));
  // Dense could fuse only its bias (ReLU is its own layer and keeps its mask for backward), so
  // the bias-only speed-up decides; ≥ 15% on every shape would be worth the extra kernel path.
  const fmt = (g: number[]) => g.map((v) => `${v.toFixed(2)}×`).join(", ");
  const adopt = biasGains.every((g) => g >= 1.15);
  console.log(`fused bias: ${fmt(biasGains)}; fused bias + relu: ${fmt(reluGains)}`);
  console.log(
    `decision: ${adopt ? "adopt fused matMul + bias in Dense" : "keep separate matMul and add (no consistent gain)"}`,
  );
  writeResults(fileURLToPath(new URL("..", import.meta.url)), "fused-matmul", {
    quick,
    rows,
    biasGains,
    reluGains,
    adopt,
  });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchFusedMatMul();

// Per-op overhead: a 5-op elementwise chain on [100, 100] inside a scope, on backprop's wasm and
// reference backends, against the same chain as raw tfjs ops inside tf.tidy (the floor backprop's
// op layer adds to) and a plain JS loop over a Float32Array.
import { fileURLToPath } from "node:url";
import { createRng } from "@backprop/random";
import {
  add,
  initBackend,
  mul,
  randomUniform,
  relu,
  scope,
  sigmoid,
  sub,
} from "@backprop/tensor-core";
import {
  formatTable,
  measure,
  quickMode,
  reportTargets,
  writeResults,
} from "@backprop-tools/bench-harness";
import * as tf from "@tensorflow/tfjs-core";

export async function benchOpOverhead(quick = quickMode()) {
  await initBackend({ backend: "wasm" });
  const rng = createRng(3);
  const x = randomUniform([100, 100], { rng, low: -1, high: 1 });
  const y = randomUniform([100, 100], { rng, low: -1, high: 1 });
  const xr = randomUniform([100, 100], { rng, low: -1, high: 1, backend: "reference" });
  const yr = randomUniform([100, 100], { rng, low: -1, high: 1, backend: "reference" });
  const tx = tf.tensor(x.dataSync(), [100, 100]);
  const ty = tf.tensor(y.dataSync(), [100, 100]);
  const xv = x.dataSync() as Float32Array;
  const yv = y.dataSync() as Float32Array;
  const out = new Float32Array(xv.length);
  const chain = (a: typeof x, b: typeof x) =>
    scope(() => sub(sigmoid(relu(add(mul(a, b), 0.5))), b)).dispose();
  const ms = await measure(
    {
      "backprop wasm (scope)": () => chain(x, y),
      "raw tfjs wasm (tf.tidy)": () =>
        tf.tidy(() => tf.sub(tf.sigmoid(tf.relu(tf.add(tf.mul(tx, ty), 0.5))), ty)).dispose(),
      "backprop reference (scope)": () => chain(xr, yr),
      "plain JS loop (f32)": () => {
        for (let i = 0; i < xv.length; i++) {
          const v = Math.max(xv[i]! * yv[i]! + 0.5, 0);
          out[i] = 1 / (1 + Math.exp(-v)) - yv[i]!;
        }
      },
    },
    quick ? { time: 150, warmupTime: 50 } : { time: 800, warmupTime: 200 },
  );
  const rows = Object.entries(ms).map(([name, t]) => [name, t * 1000, (t * 1000) / 5]);
  console.log("\nOp overhead: 5-op elementwise chain on [100, 100]");
  console.log(formatTable(["implementation", "µs/chain", "µs/op"], rows));
  const own = ms["backprop wasm (scope)"]!;
  const raw = ms["raw tfjs wasm (tf.tidy)"]!;
  const ok = reportTargets([
    {
      target: "backprop's op layer adds ≤ 50% over raw tfjs ops",
      pass: own <= 1.5 * raw,
      detail: `${(own * 1000).toFixed(1)} vs ${(raw * 1000).toFixed(1)} µs per chain`,
    },
  ]);
  writeResults(fileURLToPath(new URL("..", import.meta.url)), "op-overhead", { quick, ms });
  tf.dispose([tx, ty]);
  for (const t of [x, y, xr, yr]) t.dispose();
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = quickMode();
  const ok = await benchOpOverhead(quick);
  if (!quick) process.exitCode = ok ? 0 : 1;
}

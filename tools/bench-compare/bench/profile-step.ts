// Kernels per training step: how many tfjs kernels one backprop SGD step (hand loop) runs on
// wasm, by kind, with the time tfjs measures inside each kernel, against the step's wall time.
//
//   pnpm --filter @backprop-tools/bench-compare run profile [--steps=N]
import { fileURLToPath } from "node:url";
import { formatTable, writeResults } from "@backprop-tools/bench-harness";
import * as tf from "@tensorflow/tfjs-core";
import { backpropLoop } from "./contenders.js";
import { makeData, NETS } from "./nets.js";

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

export async function profileSteps() {
  const { initBackend } = await import("@backprop/tensor-core");
  await initBackend({ backend: "wasm" });
  const epochs = Number(option("epochs") ?? 3);
  const data = makeData(1000);
  const steps = data.count / 100;
  const results: Record<string, unknown> = {};
  for (const spec of NETS) {
    const contender = backpropLoop(spec, data);
    contender.epoch(); // warm-up
    const start = performance.now();
    for (let e = 0; e < epochs; e++) contender.epoch();
    const wallMs = (performance.now() - start) / (epochs * steps);
    const info = await tf.profile(() => {
      contender.epoch();
    });
    contender.dispose();
    const kinds = new Map<string, { count: number; ms: number }>();
    for (const k of info.kernels) {
      const entry = kinds.get(k.name) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += Number(k.kernelTimeMs);
      kinds.set(k.name, entry);
    }
    const rows = [...kinds]
      .map(([name, v]) => [name, v.count / steps, (1000 * v.ms) / steps] as const)
      .sort((a, b) => b[2] - a[2]);
    const kernels = info.kernels.length / steps;
    const kernelMs = rows.reduce((s, r) => s + r[2], 0) / 1000;
    console.log(
      `\n${spec.label}: ${kernels.toFixed(0)} kernels/step, ${kernelMs.toFixed(2)} ms inside kernels, ${wallMs.toFixed(2)} ms wall per step (unprofiled)`,
    );
    console.log(
      formatTable(
        ["kernel", "per step", "µs/step"],
        rows.map((r) => [...r]),
      ),
    );
    results[spec.key] = {
      kernelsPerStep: kernels,
      kernelMs,
      wallMs,
      kinds: Object.fromEntries(kinds),
    };
  }
  writeResults(fileURLToPath(new URL("..", import.meta.url)), "profile-step", results);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await profileSteps();

// Layer speed: forward+backward per layer at batch 100, and one full SGD step of the book's
// 784-[100]×5-10 ReLU net (with and without BatchNorm) in samples/s — wasm against the float64
// reference in the same run. Prints a table and writes JSON; `--quick` shortens the run.
import { fileURLToPath } from "node:url";
import {
  BatchNorm,
  Dense,
  type Layer,
  multiLayerNet,
  ReLU,
  type Sequential,
  Sigmoid,
} from "@backprop/layers";
import { createRng } from "@backprop/random";
import {
  type BackendName,
  initBackend,
  keep,
  memory,
  mul,
  randomNormal,
  scope,
  sub,
  tensor,
} from "@backprop/tensor-core";
import { formatTable, measure, quickMode, writeResults } from "@backprop-tools/bench-harness";

const BATCH = 100;

function sgdStep(net: Sequential, lr: number): void {
  for (const [name, g] of net.grads) {
    const w = net.params.get(name)!;
    net.params.set(name, keep(scope(() => sub(w, mul(g, lr)))));
    w.dispose();
  }
}

export async function benchLayers(quick = quickMode()) {
  await initBackend({ backend: "wasm" });
  const timing = quick
    ? { time: 150, warmupTime: 50, rounds: 1 }
    : { time: 500, warmupTime: 150, rounds: 2 };
  const rows: Array<[string, string, number, number]> = [];
  const results: Record<string, unknown> = {};
  for (const backend of ["wasm", "reference"] as BackendName[]) {
    const rng = createRng(1);
    const layers: Array<[string, Layer, number]> = [
      ["Dense 784→100", new Dense(784, 100, { rng, backend }), 784],
      ["Dense 100→100", new Dense(100, 100, { rng, backend }), 100],
      ["ReLU [100×100]", new ReLU(), 100],
      ["Sigmoid [100×100]", new Sigmoid(), 100],
      ["BatchNorm 100", new BatchNorm(100, { backend }), 100],
    ];
    const tasks: Record<string, () => unknown> = {};
    for (const [label, layer, width] of layers) {
      const x = randomNormal([BATCH, width], { rng, backend });
      const out = layer instanceof Dense ? layer.outFeatures : width;
      const dy = randomNormal([BATCH, out], { rng, backend });
      tasks[label] = () => {
        layer.forward(x, { training: true }).dispose();
        layer.backward(dy).dispose();
      };
    }
    for (const batchNorm of [false, true]) {
      const net = multiLayerNet({
        inputSize: 784,
        hiddenSizes: [100, 100, 100, 100, 100],
        outputSize: 10,
        batchNorm,
        weightInit: "he",
        rng,
        backend,
      });
      const x = randomNormal([BATCH, 784], { rng, backend });
      const t = tensor(
        Array.from({ length: BATCH }, (_, i) => i % 10),
        { dtype: "int32", backend },
      );
      const label = `SGD step 784-[100]×5-10${batchNorm ? " + BN" : ""}`;
      tasks[label] = () => {
        net.gradient(x, t);
        sgdStep(net, 0.01);
      };
    }
    const before = memory().numTensors;
    const ms = await measure(tasks, timing);
    results[backend] = { ms, leakedTensors: memory().numTensors - before };
    for (const [label, t] of Object.entries(ms))
      rows.push([
        label,
        backend,
        t * 1000,
        label.startsWith("SGD") ? (BATCH / t) * 1000 : Number.NaN,
      ]);
  }
  console.log(`\nLayers at batch ${BATCH} (${quick ? "quick" : "full"} run)`);
  console.log(
    formatTable(
      ["workload", "backend", "µs/iteration", "samples/s"],
      rows.map((r) => [r[0], r[1], r[2], Number.isNaN(r[3]) ? "-" : r[3]]),
    ),
  );
  console.log(
    "(the book's NumPy code does ~29 000 samples/s without BN and ~23 600 with BN on this machine type)",
  );
  const path = writeResults(fileURLToPath(new URL("..", import.meta.url)), "layers", {
    batch: BATCH,
    quick,
    results,
  });
  console.log(`results: ${path}`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchLayers();

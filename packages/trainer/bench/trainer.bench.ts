// The trainer's own cost: one epoch of `fit` against a plain loop doing the same steps on the
// same layers (batch tensors, lossAndGradient, reading the loss, the optimizer step), for the
// CLI's default net (784-100-100-10 ReLU, He init, Adam) and the book's 784-[100]×5-10 with
// BatchNorm (SGD), at batch 100 on wasm. Target: fit ≤ 5% slower than the plain loop. Then 20
// epochs of fit with the tensor count and resident memory after each (they must stay flat).
// Prints a table and writes JSON; `--quick` shortens the run.
import { fileURLToPath } from "node:url";
import { multiLayerNet, type Sequential } from "@backprop/layers";
import { createOptimizer, type Optimizer } from "@backprop/optimizers";
import { createRng } from "@backprop/random";
import { initBackend, memory, scope, tensor } from "@backprop/tensor-core";
import { type Dataset, fit } from "@backprop/trainer";
import {
  formatTable,
  measureInterleaved,
  quickMode,
  reportTargets,
  writeResults,
} from "@backprop-tools/bench-harness";

const BATCH = 100;

function data(count: number): Dataset {
  const rng = createRng(1);
  return {
    count,
    featureShape: [784],
    features: rng.fillUniform(new Float32Array(count * 784)),
    labels: Int32Array.from({ length: count }, () => rng.integer(0, 9)),
  };
}

/** The steps of one epoch written by hand, as a user of layers + optimizers would. */
function plainEpoch(model: Sequential, optimizer: Optimizer, train: Dataset, rng = createRng(2)) {
  const order = rng.permutation(train.count);
  const x = new Float32Array(BATCH * 784);
  const t = new Int32Array(BATCH);
  let total = 0;
  for (let start = 0; start + BATCH <= train.count; start += BATCH) {
    for (let i = 0; i < BATCH; i++) {
      const row = order[start + i]!;
      x.set(train.features.subarray(row * 784, row * 784 + 784), i * 784);
      t[i] = train.labels[row]!;
    }
    total += scope(() => {
      const pass = model.lossAndGradient(
        tensor(x, { shape: [BATCH, 784], dtype: "float", backend: "wasm" }),
        tensor(t, { dtype: "int32", backend: "wasm" }),
        { rng },
      );
      const loss = pass.loss.item();
      optimizer.step(model.params, pass.grads);
      return loss;
    });
  }
  return total;
}

const NETS = {
  "784-100-100-10 ReLU, He, Adam": () => ({
    model: multiLayerNet({
      inputSize: 784,
      hiddenSizes: [100, 100],
      outputSize: 10,
      weightInit: "he",
      rng: createRng(3),
      backend: "wasm",
    }),
    optimizer: createOptimizer("adam", { lr: 1e-3 }),
  }),
  "784-[100]×5-10 ReLU + BN, SGD": () => ({
    model: multiLayerNet({
      inputSize: 784,
      hiddenSizes: [100, 100, 100, 100, 100],
      outputSize: 10,
      batchNorm: true,
      rng: createRng(3),
      backend: "wasm",
    }),
    optimizer: createOptimizer("sgd", { lr: 0.01 }),
  }),
};

export async function benchTrainer(quick = quickMode()) {
  await initBackend({ backend: "wasm" });
  const train = data(quick ? 1000 : 2000);
  const rows: Array<[string, string, number, string]> = [];
  const results: Record<string, unknown> = {};
  const checks = [];
  for (const [label, make] of Object.entries(NETS)) {
    const plain = make();
    const trainer = make();
    const timed = await measureInterleaved(
      {
        "plain loop": () => plainEpoch(plain.model, plain.optimizer, train),
        fit: () => fit({ ...trainer, train, epochs: 1, batchSize: BATCH, evaluateTrain: false }),
      },
      quick ? { rounds: 3, repeat: 2 } : { rounds: 9, repeat: 3, warmup: 2 },
    );
    const ms = { "plain loop": timed["plain loop"]!.median, fit: timed.fit!.median };
    const rate = (t: number) => train.count / (t / 1000);
    const spread = (t: { min: number; max: number }) =>
      `${rate(t.max).toFixed(0)}–${rate(t.min).toFixed(0)}`;
    rows.push(
      [label, "plain loop", rate(ms["plain loop"]), spread(timed["plain loop"]!)],
      [label, "fit", rate(ms.fit), spread(timed.fit!)],
    );
    const overhead = ms.fit / ms["plain loop"] - 1;
    results[label] = {
      ms,
      rounds: timed,
      samplesPerSecond: { plain: rate(ms["plain loop"]), fit: rate(ms.fit) },
      overhead,
    };
    checks.push({
      target: `${label}: fit within 5% of the plain loop`,
      pass: overhead <= 0.05,
      detail: `${(overhead * 100).toFixed(1)}% (${rate(ms.fit).toFixed(0)} vs ${rate(ms["plain loop"]).toFixed(0)} samples/s)`,
    });
    for (const m of [plain, trainer]) {
      m.model.dispose();
      m.optimizer.dispose();
    }
  }
  console.log("\nTrainer overhead, batch 100, wasm (samples/s, one epoch)");
  console.log(formatTable(["net", "loop", "samples/s (median)", "spread"], rows));

  // A long run: tensors and resident memory after every epoch.
  const epochs = quick ? 6 : 20;
  const { model, optimizer } = NETS["784-[100]×5-10 ReLU + BN, SGD"]();
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples: Array<{ epoch: number; tensors: number; rssMiB: number }> = [];
  await fit({
    model,
    optimizer,
    train,
    epochs,
    batchSize: BATCH,
    callbacks: [
      {
        onEpochEnd: (logs) => {
          gc?.();
          samples.push({
            epoch: logs.epoch,
            tensors: memory().numTensors,
            rssMiB: process.memoryUsage().rss / 2 ** 20,
          });
        },
      },
    ],
  });
  console.log(`\n${epochs} epochs of fit: tensors and resident memory after each epoch`);
  console.log(
    formatTable(
      ["epoch", "tensors", "rss MiB"],
      samples.map((s) => [String(s.epoch), s.tensors, s.rssMiB]),
    ),
  );
  // Resident memory swings by ±5% with the garbage collector's timing; compare medians of five
  // epochs after the warm-up (wasm heap growth in epoch 1) and of the last five.
  const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;
  const early = median(samples.slice(1, 6).map((s) => s.rssMiB));
  const late = median(samples.slice(-5).map((s) => s.rssMiB));
  const last = samples.at(-1)!;
  checks.push(
    {
      target: "tensor count flat over the run",
      pass: samples.every((s) => s.tensors === samples[0]!.tensors),
      detail: `${samples[0]!.tensors} → ${last.tensors}`,
    },
    {
      target: "resident memory flat over the run (median of the last 5 epochs ≤ 1.05 × epochs 2–6)",
      pass: late <= early * 1.05,
      detail: `${early.toFixed(1)} → ${late.toFixed(1)} MiB`,
    },
  );
  const ok = reportTargets(checks);
  results.memory = samples;
  const path = writeResults(fileURLToPath(new URL("..", import.meta.url)), "trainer", results);
  console.log(JSON.stringify(results));
  console.log(`results: ${path}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = quickMode();
  const ok = await benchTrainer(quick);
  if (!quick) process.exitCode = ok ? 0 : 1;
}

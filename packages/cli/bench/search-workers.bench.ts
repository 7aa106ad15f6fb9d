// The book preset's search (chapter 6: 500 rows, a 20% validation split, 784-[100]×6-10, SGD,
// lr and weight decay log-uniform) with 100 trials, run by the real `backprop search` binary
// with 1 and then 2 worker processes on a journal file. Reduced epochs per trial (10, the quick
// preset's, instead of the book's 50: the same work per trial in both runs, so the ratio is
// what the workers give), the random sampler and no pruner, so both runs train exactly the same
// 100 configurations. Target: 2 workers ≥ 1.5× faster on this 2-vCPU machine. `--quick`: 30
// trials. The reference, in the same run: two independent `backprop search --workers 1`
// processes at once, half the trials each — what two processes can get out of this machine at
// all. Prints a table and writes JSON.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable, quickMode, reportTargets, writeResults } from "@backprop-tools/bench-harness";

const quick = quickMode();
const trials = quick ? 30 : 100;
const epochs = 10;
const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "search-bench-"));

function search(workers: number) {
  const out = join(dir, `w${workers}`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      bin,
      "search",
      "--preset",
      "book",
      "--trials",
      String(trials),
      "--epochs",
      String(epochs),
      "--workers",
      String(workers),
      "--sampler",
      "random",
      "--pruner",
      "none",
      "--seed",
      "6",
      "--out",
      out,
      "--json",
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`backprop search --workers ${workers} failed:\n${run.stderr}`);
  const json = JSON.parse(run.stdout) as {
    seconds: number;
    best: { value: number };
    trials: number;
  };
  return {
    workers,
    trials: json.trials,
    wall: seconds,
    search: json.seconds,
    best: json.best.value,
  };
}

/** Two separate single-worker searches at the same time, `trials / 2` each: the machine's ceiling. */
async function independentPair(): Promise<number> {
  const started = performance.now();
  await Promise.all(
    [0, 1].map(
      (i) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              bin,
              "search",
              "--preset",
              "book",
              "--trials",
              String(trials / 2),
              "--epochs",
              String(epochs),
              "--workers",
              "1",
              "--sampler",
              "random",
              "--pruner",
              "none",
              "--seed",
              String(10 + i),
              "--out",
              join(dir, `pair${i}`),
              "--json",
            ],
            { stdio: ["ignore", "ignore", "ignore"] },
          );
          child.on("exit", (code) =>
            code === 0 ? resolve() : reject(new Error(`pair ${i}: ${code}`)),
          );
        }),
    ),
  );
  return (performance.now() - started) / 1000;
}

try {
  const one = search(1);
  const two = search(2);
  const pair = await independentPair();
  const speedup = one.search / two.search;
  const ceiling = one.wall / pair;
  console.log(
    formatTable(
      [
        "workers",
        "trials",
        "search s",
        "wall s (incl. test + report)",
        "trials / min",
        "best val acc",
      ],
      [one, two].map((r) => [
        r.workers,
        r.trials,
        r.search,
        r.wall,
        (60 * r.trials) / r.search,
        r.best,
      ]),
    ),
  );
  console.log(
    `reference: two independent single-worker searches of ${trials / 2} trials at once took ${pair.toFixed(1)} s (wall, start-up included): ${ceiling.toFixed(2)}× the throughput of one process on this machine now`,
  );
  reportTargets([
    {
      target: "2 worker processes ≥ 1.5× the speed of 1 (book preset, search time)",
      pass: speedup >= 1.5,
      detail: `${speedup.toFixed(2)}× (${one.search.toFixed(1)} s → ${two.search.toFixed(1)} s)`,
    },
  ]);
  const path = writeResults(fileURLToPath(new URL("..", import.meta.url)), "search-workers", {
    quick,
    trials,
    epochs,
    note: "book preset, 10 epochs per trial instead of the book's 50; random sampler, no pruner; journal storage",
    runs: [one, two],
    speedup,
    independentPairSeconds: pair,
    independentPairSpeedup: ceiling,
  });
  console.log(`results: ${path}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

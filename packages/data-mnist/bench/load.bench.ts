// Loading + checking + normalising full Fashion-MNIST (60 000 images) against a baseline that only
// reads and gunzips the same files, in one run. Targets: total ≤ 1.5× the baseline; memory held
// after loading ≤ 2× the float32 output. Needs Debian's dataset-fashion-mnist (or BACKPROP_DATA_DIR).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { DEBIAN_DIRS } from "@backprop/data-mnist";
import { loadDataset } from "@backprop/data-mnist/node";
import {
  formatTable,
  measure,
  quickMode,
  reportTargets,
  writeResults,
} from "@backprop-tools/bench-harness";

export async function benchLoad(quick = quickMode()) {
  const dir = process.env.BACKPROP_DATA_DIR ?? DEBIAN_DIRS["fashion-mnist"]!;
  const files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"].map((f) =>
    join(dir, f),
  );
  const ms = await measure(
    {
      "read + gunzip (baseline)": () => files.map((f) => gunzipSync(readFileSync(f))),
      "loadDataset (parse, check, sha256, normalise)": () =>
        loadDataset({ name: "fashion-mnist", split: "train", dir, warn: () => {} }),
    },
    quick
      ? { time: 1000, warmupTime: 0, iterations: 2, rounds: 1 }
      : { time: 4000, warmupTime: 500, iterations: 5, rounds: 2 },
  );
  // Resident growth over one load (run first in a fresh process for a clean reading: `pnpm bench`
  // runs the timing above first, so this is an upper bound on the loader's own peak).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const data = await loadDataset({ name: "fashion-mnist", split: "train", dir, warn: () => {} });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const output = data.features.byteLength + data.labels.byteLength;
  const held = peak - before;
  const ratio =
    ms["loadDataset (parse, check, sha256, normalise)"]! / ms["read + gunzip (baseline)"]!;
  console.log("\nLoading full Fashion-MNIST train (60 000 images)");
  console.log(formatTable(["task", "ms"], Object.entries(ms)));
  const ok = reportTargets([
    { target: "load ≤ 1.5× read + gunzip", pass: ratio <= 1.5, detail: `${ratio.toFixed(2)}×` },
    {
      target: "peak resident growth ≤ 2× the float32 output",
      pass: held <= 2 * output,
      detail: `${(held / 2 ** 20).toFixed(1)} MiB for ${(output / 2 ** 20).toFixed(1)} MiB of output`,
    },
  ]);
  writeResults(fileURLToPath(new URL("..", import.meta.url)), "load", { ms, ratio, held, output });
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = quickMode();
  const ok = await benchLoad(quick);
  if (!quick) process.exitCode = ok ? 0 : 1;
}

// Loading + checking + normalising full Fashion-MNIST (60 000 images) against a baseline that only
// reads and gunzips the same files, in one run. Targets: total ≤ 1.5× the baseline; peak memory
// growth while loading ≤ 2× the float32 output. Needs Debian's dataset-fashion-mnist (or
// BACKPROP_DATA_DIR). The loader verifies checksums in both measurements (Debian's .gz digests
// are pinned, so the stored file is hashed — in the thread pool — not the 47 MB it inflates to).
import { spawnSync } from "node:child_process";
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

const dir = process.env.BACKPROP_DATA_DIR ?? DEBIAN_DIRS["fashion-mnist"]!;
const load = () =>
  loadDataset({ name: "fashion-mnist", split: "train", dir, warn: (m) => console.warn(m) });

/**
 * Peak resident growth of one load, measured in a fresh process (so no memory freed by an earlier
 * run hides the loader's own peak): the kernel's high-water mark (`maxRSS`) after the load minus
 * the resident size before it.
 */
async function memoryOfOneLoad(): Promise<{ peakGrowth: number; output: number }> {
  const before = process.memoryUsage().rss;
  const data = await load();
  const peak = process.resourceUsage().maxRSS * 1024;
  return { peakGrowth: peak - before, output: data.features.byteLength + data.labels.byteLength };
}

export async function benchLoad(quick = quickMode()) {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--memory-child"],
    { encoding: "utf8", env: process.env },
  );
  if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
  const memory = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
    peakGrowth: number;
    output: number;
  };
  const files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"].map((f) =>
    join(dir, f),
  );
  const ms = await measure(
    {
      "read + gunzip (baseline)": () => files.map((f) => gunzipSync(readFileSync(f))),
      "loadDataset (parse, verify, normalise)": load,
    },
    quick
      ? { time: 1000, warmupTime: 0, iterations: 2 }
      : { time: 4000, warmupTime: 500, iterations: 10 },
  );
  const ratio = ms["loadDataset (parse, verify, normalise)"]! / ms["read + gunzip (baseline)"]!;
  console.log("\nLoading full Fashion-MNIST train (60 000 images)");
  console.log(formatTable(["task", "ms"], Object.entries(ms)));
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const ok = reportTargets([
    { target: "load ≤ 1.5× read + gunzip", pass: ratio <= 1.5, detail: `${ratio.toFixed(2)}×` },
    {
      target: "peak resident growth ≤ 2× the float32 output (fresh process)",
      pass: memory.peakGrowth <= 2 * memory.output,
      detail: `${mib(memory.peakGrowth)} for ${mib(memory.output)} of output (${(memory.peakGrowth / memory.output).toFixed(2)}×)`,
    },
  ]);
  writeResults(fileURLToPath(new URL("..", import.meta.url)), "load", { ms, ratio, ...memory });
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--memory-child")) {
    console.log(JSON.stringify(await memoryOfOneLoad()));
  } else {
    const quick = quickMode();
    const ok = await benchLoad(quick);
    if (!quick) process.exitCode = ok ? 0 : 1;
  }
}

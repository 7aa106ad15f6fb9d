// `pnpm bench:compare`: the same nets trained on the same data (synthetic MNIST-shaped rows,
// batch 100, SGD) by backprop (layers + optimizers by hand, and through `fit`), tfjs-layers
// `model.fit` on the wasm backend, a plain-JS loop and — when a python3 with numpy is there —
// NumPy (a reference written for this benchmark in float64 and float32, and the book's own code),
// in interleaved rounds; then the float64 gradient check of TwoLayerNet against the book's
// numerical_gradient. Prints tables of medians with their spread, the ratios and the targets,
// and writes JSON to bench-results/compare.json.
//
//   pnpm bench:compare [--quick] [--only=steps|gradcheck] [--rounds=N] [--markdown]
import { arch, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { multiLayerNet } from "@backprop/layers";
import { createRng } from "@backprop/random";
import { dispose, initBackend, tensor } from "@backprop/tensor-core";
import {
  formatTable,
  type InterleavedResult,
  measureInterleaved,
  quickMode,
  reportTargets,
  type TargetCheck,
  writeResults,
} from "@backprop-tools/bench-harness";
import { backpropFit, backpropLoop, type Contender, tfjsLayersFit } from "./contenders.js";
import { BATCH, type BenchData, makeData, NETS } from "./nets.js";
import { findPython, type NumpyInfo, NumpyRunner } from "./numpy-runner.js";
import { PlainJsNet } from "./plain-js.js";
import { measureSimdPeak, stepMatMulFlops } from "./simd-peak.js";

const LOOP = "backprop (layers + optimizers)";
const FIT = "backprop fit";
const TFJS = "tfjs-layers model.fit (wasm)";
const PLAIN = "plain JS loop (f32)";
const NP64 = "NumPy reference (f64)";
const NP32 = "NumPy reference (f32)";
const BOOK = "NumPy book code (f64)";

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const rate = (samples: number, ms: number) => samples / (ms / 1000);

interface Row {
  net: string;
  contender: string;
  samplesPerSecond: number;
  min: number;
  max: number;
}

async function benchSteps(
  quick: boolean,
  numpy: NumpyRunner | undefined,
  data: BenchData,
  rounds: number,
) {
  const contenders: Contender[] = [];
  const tasks: Record<string, () => unknown> = {};
  const samples: Record<string, number> = {};
  const steps = Math.floor(data.count / 100);
  for (const spec of NETS) {
    const add = (name: string, c: Contender) => {
      contenders.push(c);
      tasks[`${spec.key}|${name}`] = () => c.epoch();
      samples[`${spec.key}|${name}`] = steps * 100;
    };
    add(LOOP, backpropLoop(spec, data));
    add(FIT, backpropFit(spec, data));
    add(TFJS, tfjsLayersFit(spec, data));
    const plain = new PlainJsNet(spec);
    add(PLAIN, { epoch: () => void plain.epoch(data), dispose: () => {} });
    if (numpy !== undefined) {
      for (const [name, impl] of [
        [NP64, "ref64"],
        [NP32, "ref32"],
        [BOOK, "book64"],
      ] as const) {
        tasks[`${spec.key}|${name}`] = async () => {
          const r = await numpy.epoch(impl, spec.key);
          return { selfTimedMs: r.ms };
        };
        samples[`${spec.key}|${name}`] = steps * 100;
      }
    }
  }
  const timed = await measureInterleaved(tasks, {
    rounds,
    repeat: 1,
    warmup: quick ? 1 : 2,
  });
  for (const c of contenders) c.dispose();
  const rows: Row[] = [];
  for (const [key, t] of Object.entries(timed)) {
    const [net, contender] = key.split("|") as [string, string];
    const n = samples[key]!;
    rows.push({
      net,
      contender,
      samplesPerSecond: rate(n, t.median),
      min: rate(n, t.max),
      max: rate(n, t.min),
    });
  }
  return { rows, timed };
}

/**
 * The median over rounds of `other`'s time ÷ `mine` in the same round (a speed ratio): each round
 * runs every contender within seconds, so a slow spell of the shared machine cancels out.
 */
function roundRatio(
  timed: Readonly<Record<string, InterleavedResult>>,
  net: string,
  mine: string,
  other: string,
): number {
  const a = timed[`${net}|${mine}`]!.rounds;
  const b = timed[`${net}|${other}`]!.rounds;
  const ratios = a.map((t, i) => b[i]! / t).sort((x, y) => x - y);
  const mid = ratios.length >> 1;
  return ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}

function stepTargets(
  rows: readonly Row[],
  timed: Readonly<Record<string, InterleavedResult>>,
): TargetCheck[] {
  const get = (net: string, c: string) => rows.find((r) => r.net === net && r.contender === c);
  const checks: TargetCheck[] = [];
  for (const spec of NETS) {
    const loop = get(spec.key, LOOP)!;
    const fitRow = get(spec.key, FIT)!;
    const np = get(spec.key, NP64);
    const book = get(spec.key, BOOK);
    if (np !== undefined) {
      const r = loop.samplesPerSecond / np.samplesPerSecond;
      checks.push({
        target: `${spec.label}: backprop ≥ 1.5× the NumPy reference (f64)`,
        pass: r >= 1.5,
        detail: `${r.toFixed(2)}× (${loop.samplesPerSecond.toFixed(0)} vs ${np.samplesPerSecond.toFixed(0)} samples/s; median per-round ratio ${roundRatio(timed, spec.key, LOOP, NP64).toFixed(2)}×; fit ${(fitRow.samplesPerSecond / np.samplesPerSecond).toFixed(2)}×)`,
      });
      if (book !== undefined) {
        checks.push({
          target: `${spec.label}: the NumPy reference is at least as fast as the book's code`,
          pass: np.samplesPerSecond >= book.samplesPerSecond,
          detail: `${np.samplesPerSecond.toFixed(0)} vs ${book.samplesPerSecond.toFixed(0)} samples/s`,
        });
      }
    }
    if (spec.key !== "twolayer") {
      const tfjs = get(spec.key, TFJS)!;
      const r = fitRow.samplesPerSecond / tfjs.samplesPerSecond;
      checks.push({
        target: `${spec.label}: backprop fit ≥ 10× tfjs-layers model.fit`,
        pass: r >= 10,
        detail: `${r.toFixed(2)}× (${fitRow.samplesPerSecond.toFixed(0)} vs ${tfjs.samplesPerSecond.toFixed(0)} samples/s; median per-round ratio ${roundRatio(timed, spec.key, FIT, TFJS).toFixed(2)}×; hand loop ${(loop.samplesPerSecond / tfjs.samplesPerSecond).toFixed(2)}×)`,
      });
    }
  }
  return checks;
}

function printSteps(
  rows: readonly Row[],
  timed: Readonly<Record<string, InterleavedResult>>,
  rounds: number,
) {
  const table = [];
  for (const spec of NETS) {
    const mine = rows.filter((r) => r.net === spec.key);
    const loop = mine.find((r) => r.contender === LOOP)!;
    for (const r of mine) {
      table.push([
        spec.label,
        r.contender,
        r.samplesPerSecond,
        `${r.min.toFixed(0)}–${r.max.toFixed(0)}`,
        (1000 * 100) / r.samplesPerSecond,
        loop.samplesPerSecond / r.samplesPerSecond,
        roundRatio(timed, spec.key, LOOP, r.contender),
      ]);
    }
  }
  console.log(
    `\nTraining step at batch 100, SGD: samples/s, median of ${rounds} interleaved rounds (one epoch each); "backprop ÷ this" is the ratio of the medians, "per-round median" the median of the ratios within each round`,
  );
  if (process.argv.includes("--markdown")) {
    const cell = (c: string | number) =>
      typeof c === "number" ? (c >= 100 ? c.toFixed(0) : c.toFixed(2)) : c;
    console.log(
      [
        "| net | contender | samples/s | spread (min–max) | ms/step | backprop ÷ this | per-round median |",
        "|---|---|--:|--:|--:|--:|--:|",
        ...table.map((r) => `| ${r.map(cell).join(" | ")} |`),
      ].join("\n"),
    );
  }
  console.log(
    formatTable(
      [
        "net",
        "contender",
        "samples/s",
        "spread (min–max)",
        "ms/step",
        "backprop ÷ this",
        "per-round median",
      ],
      table,
    ),
  );
}

async function benchGradcheck(quick: boolean, numpy: NumpyRunner | undefined, data: BenchData) {
  await initBackend({ backend: "wasm" });
  const net = multiLayerNet({
    inputSize: 784,
    hiddenSizes: [50],
    outputSize: 10,
    activation: "sigmoid",
    weightInit: 0.01,
    rng: createRng(5),
    backend: "reference",
  });
  const x = tensor(data.features.subarray(0, 3 * 784), {
    shape: [3, 784],
    dtype: "float",
    backend: "reference",
  });
  const t = tensor(data.labels.subarray(0, 3), { dtype: "int32", backend: "reference" });
  const params = [...net.params.values()].reduce((s, p) => s + p.size, 0);
  // How far the numerical gradient is from backprop's analytic one (a sanity check).
  const numerical = net.numericalGradient(x, t);
  const analytic = net.gradient(x, t);
  let worst = 0;
  for (const [name, g] of numerical) {
    const a = analytic.get(name)!.dataSync();
    const n = g.dataSync();
    for (let i = 0; i < n.length; i++)
      worst = Math.max(
        worst,
        Math.abs(a[i]! - n[i]!) / Math.max(1e-8, Math.abs(a[i]!) + Math.abs(n[i]!)),
      );
  }
  dispose([...numerical.values()]);
  const tasks: Record<string, () => unknown> = {
    "backprop numericalGradient (reference backend, f64)": () =>
      dispose([...net.numericalGradient(x, t).values()]),
  };
  if (numpy !== undefined) {
    tasks["NumPy book numerical_gradient (f64)"] = async () => ({
      selfTimedMs: (await numpy.gradcheck(3)).ms,
    });
  }
  const rounds = quick ? 1 : Number(option("gradcheck-rounds") ?? 3);
  const timed = await measureInterleaved(tasks, { rounds, repeat: 1, warmup: 0 });
  net.dispose();
  dispose([x, t]);
  const table = Object.entries(timed).map(([name, r]) => [
    name,
    r.median / 1000,
    `${(r.min / 1000).toFixed(2)}–${(r.max / 1000).toFixed(2)}`,
  ]);
  console.log(
    `\nFloat64 gradient check of TwoLayerNet 784-50-10 on 3 samples (${params} parameters, ${2 * params} loss evaluations): seconds, median of ${rounds}`,
  );
  console.log(formatTable(["implementation", "s", "spread (min–max)"], table));
  console.log(
    `largest relative gap between numerical and analytic gradient: ${worst.toExponential(2)}`,
  );
  const ours = timed["backprop numericalGradient (reference backend, f64)"]!;
  const theirs = timed["NumPy book numerical_gradient (f64)"];
  const checks: TargetCheck[] =
    theirs === undefined
      ? []
      : [
          {
            target: "TwoLayerNet gradient check (3 samples) faster than NumPy's numerical_gradient",
            pass: ours.median < theirs.median,
            detail: `${(ours.median / 1000).toFixed(2)} s vs ${(theirs.median / 1000).toFixed(2)} s (${(theirs.median / ours.median).toFixed(2)}×)`,
          },
        ];
  return { timed, params, worstRelativeGap: worst, checks };
}

function coreLine(info: NumpyInfo): string {
  const { detected, chosen } = info.openblasCore;
  if (chosen !== undefined) {
    return `OpenBLAS core ${chosen} (set: OpenBLAS does not recognise this CPU and would fall back to ${detected})`;
  }
  return `OpenBLAS core ${detected ?? "unknown"}`;
}

export async function benchCompare(quick = quickMode()) {
  const only = option("only");
  const rounds = Number(option("rounds") ?? (quick ? 3 : 7));
  const info = await initBackend({ backend: "wasm" });
  const data = makeData(quick ? 1000 : 2000);
  const python = findPython();
  const numpy = python === undefined ? undefined : new NumpyRunner(python);
  let numpyInfo: NumpyInfo | undefined;
  if (numpy !== undefined) {
    numpyInfo = await numpy.info();
    await numpy.load(data);
  }
  const machine = `${cpus()[0]?.model ?? "?"} ×${cpus().length} (${arch()}), load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
  console.log(`machine: ${machine}`);
  console.log(
    `backprop: tfjs ${info.wasm?.tfjsVersion}, wasm SIMD ${info.wasm?.simd ? "on" : "off"}`,
  );
  console.log(
    numpyInfo === undefined
      ? "NumPy: no python3 with numpy found; NumPy rows skipped (apt-get install python3-numpy libopenblas0-pthread)"
      : `NumPy ${numpyInfo.numpy} (${numpyInfo.executable}, Python ${numpyInfo.python}), BLAS ${numpyInfo.blas.join(", ")}, threads ${JSON.stringify(numpyInfo.threads)}, ${coreLine(numpyInfo)}`,
  );
  const results: Record<string, unknown> = { quick, machine, tfjs: info.wasm, numpy: numpyInfo };
  const checks: TargetCheck[] = [];
  if (numpyInfo !== undefined) {
    // Without OpenBLAS, Debian's NumPy falls back to the reference BLAS (libblas3), several times
    // slower: every ratio against NumPy would flatter backprop.
    const openblas = numpyInfo.blas.some((lib) => /openblas/i.test(lib));
    checks.push({
      target: "NumPy runs on OpenBLAS, as the issue's figures do",
      pass: openblas,
      detail: openblas
        ? `${numpyInfo.blas.join(", ")}; ${coreLine(numpyInfo)}`
        : `found ${numpyInfo.blas.join(", ") || "no BLAS"}: apt-get install libopenblas0-pthread, or the NumPy rows are not comparable`,
    });
  }
  try {
    if (only === undefined || only === "steps") {
      const { rows, timed } = await benchSteps(quick, numpy, data, rounds);
      printSteps(rows, timed, rounds);
      checks.push(...stepTargets(rows, timed));
      results.steps = { rounds, samplesPerEpoch: data.count, rows, timed };
    }
    if (only === undefined || only === "steps") {
      const peak = await measureSimdPeak(quick ? 3 : 7);
      console.log(
        `\nWebAssembly SIMD ceiling on this machine: ${peak.toFixed(1)} GFLOP/s (float32 4-lane mul+add, no memory traffic). At that rate the matrix products alone take:`,
      );
      const steps = results.steps as { rows: Row[] } | undefined;
      const ceiling = NETS.map((spec) => {
        const flops = stepMatMulFlops(spec);
        const floorMs = flops / (peak * 1e6);
        const np = steps?.rows.find((r) => r.net === spec.key && r.contender === NP64);
        const needed = np === undefined ? undefined : 1.5 * np.samplesPerSecond;
        const ceilingRate = (BATCH * 1000) / floorMs;
        console.log(
          `  ${spec.label}: ${(flops / 1e6).toFixed(1)} MFLOP/step → ≥ ${floorMs.toFixed(2)} ms/step, ≤ ${ceilingRate.toFixed(0)} samples/s${needed === undefined ? "" : `; 1.5× NumPy f64 needs ${needed.toFixed(0)}`}`,
        );
        if (needed !== undefined) {
          checks.push({
            target: `${spec.label}: 1.5× the NumPy reference is within WebAssembly SIMD's reach on this machine`,
            pass: needed <= ceilingRate,
            detail: `needs ${needed.toFixed(0)} samples/s; the matMuls alone at the ${peak.toFixed(1)} GFLOP/s ceiling allow ${ceilingRate.toFixed(0)}`,
          });
        }
        return {
          net: spec.key,
          mflopPerStep: flops / 1e6,
          floorMs,
          ceilingSamplesPerSecond: ceilingRate,
          neededForTarget: needed,
        };
      });
      results.simdCeiling = { gflops: peak, nets: ceiling };
    }
    if (only === undefined || only === "gradcheck") {
      const g = await benchGradcheck(quick, numpy, data);
      checks.push(...g.checks);
      results.gradcheck = g;
    }
  } finally {
    numpy?.close();
  }
  console.log(
    `\nload after the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const ok = reportTargets(checks);
  results.targets = checks;
  const path = writeResults(fileURLToPath(new URL("..", import.meta.url)), "compare", results);
  console.log(`results: ${path}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = quickMode();
  const ok = await benchCompare(quick);
  if (!quick) process.exitCode = ok ? 0 : 1;
}

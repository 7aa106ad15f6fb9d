// matMul GFLOP/s on the shapes of the book's nets: backprop's own SIMD kernel (the chosen form)
// against tfjs's XNNPACK matMul, its transpose-flag form, an explicit transpose + XNNPACK matMul, the float64 reference backend and a
// naive JS loop — all in one run. Prints a table, checks the targets, writes JSON.
import { fileURLToPath } from "node:url";
import { createRng } from "@backprop/random";
import {
  initBackend,
  matMul,
  matMulNT,
  matMulTN,
  randomUniform,
  type Tensor,
} from "@backprop/tensor-core";
import {
  formatTable,
  measure,
  quickMode,
  reportTargets,
  writeResults,
} from "@backprop-tools/bench-harness";
import * as tf from "@tensorflow/tfjs-core";

type Kind = "NN" | "TN" | "NT";
interface Case {
  readonly label: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly kind: Kind;
}

const CASES: readonly Case[] = [
  { label: "forward x·W [100×784]·[784×100]", m: 100, k: 784, n: 100, kind: "NN" },
  { label: "forward [100×100]·[100×100]", m: 100, k: 100, n: 100, kind: "NN" },
  { label: "forward [100×100]·[100×10]", m: 100, k: 100, n: 10, kind: "NN" },
  { label: "forward [100×784]·[784×50]", m: 100, k: 784, n: 50, kind: "NN" },
  { label: "dW = xᵀ·dy [784×100]ᵀ… (TN)", m: 784, k: 100, n: 100, kind: "TN" },
  { label: "dW = xᵀ·dy [100×100] (TN)", m: 100, k: 100, n: 100, kind: "TN" },
  { label: "dx = dy·Wᵀ → [100×784] (NT)", m: 100, k: 100, n: 784, kind: "NT" },
  { label: "dx = dy·Wᵀ [100×100] (NT)", m: 100, k: 100, n: 100, kind: "NT" },
];

/** Operand shapes for op(a)·op(b) = [m, n]. */
function operands(c: Case): [number[], number[]] {
  const a = c.kind === "TN" ? [c.k, c.m] : [c.m, c.k];
  const b = c.kind === "NT" ? [c.n, c.k] : [c.k, c.n];
  return [a, b];
}

function naive(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      out[i * n + j] = s;
    }
  return out;
}

export async function benchMatMul(quick = quickMode()) {
  const info = await initBackend({ backend: "wasm" });
  const rng = createRng(1);
  const rows: Array<Record<string, string | number>> = [];
  const targets = [];
  const timing = quick
    ? { time: 100, warmupTime: 50, iterations: 5, rounds: 2 }
    : { time: 400, warmupTime: 150, iterations: 20, rounds: 3 };
  for (const c of CASES) {
    const [aShape, bShape] = operands(c);
    const a = randomUniform(aShape, { rng, low: -1, high: 1 });
    const b = randomUniform(bShape, { rng, low: -1, high: 1 });
    const aRef = randomUniform(aShape, { rng, low: -1, high: 1, backend: "reference" });
    const bRef = randomUniform(bShape, { rng, low: -1, high: 1, backend: "reference" });
    const op = c.kind === "NN" ? matMul : c.kind === "TN" ? matMulTN : matMulNT;
    const ta = tf.tensor(a.dataSync(), aShape);
    const tb = tf.tensor(b.dataSync(), bShape);
    const tA = c.kind === "TN";
    const tB = c.kind === "NT";
    // wasm kernels run synchronously, so each task times the product itself and disposes it (no
    // read-back: tfjs reads inside tf.tidy are several times slower than the product).
    // backprop's own SIMD kernel, called as tfjs kernel (registered by initBackend; its name is
    // GEMM_KERNEL in src/backends/wasm/gemm-kernel.ts): A·B and Aᵀ·B directly, A·Bᵀ after a transpose.
    const kernel = (x: tf.Tensor, y: tf.Tensor) =>
      tf.engine().runKernel("BackpropMatMul", { a: x, b: y }, { transposeA: tA }) as tf.Tensor;
    const ownKernel = () =>
      (tB ? tf.tidy(() => kernel(ta, tf.transpose(tb))) : kernel(ta, tb)).dispose();
    const raw: Record<string, () => unknown> =
      c.kind === "NN"
        ? {
            "backprop SIMD kernel": ownKernel,
            "tfjs matMul (XNNPACK)": () => tf.matMul(ta, tb).dispose(),
          }
        : {
            "backprop SIMD kernel": ownKernel,
            "tfjs transpose flag": () => tf.matMul(ta, tb, tA, tB).dispose(),
            "explicit transpose + tfjs matMul": () =>
              tf
                .tidy(() => tf.matMul(tA ? tf.transpose(ta) : ta, tB ? tf.transpose(tb) : tb))
                .dispose(),
          };
    // The form backprop's wasm backend uses (gemmMatMul; wasmMatMul in matmul-strategy.ts where the
    // kernel cannot run).
    const chosen =
      info.wasm?.matMulKernel === "backprop-simd"
        ? "backprop SIMD kernel"
        : c.kind === "NN"
          ? "tfjs matMul (XNNPACK)"
          : "explicit transpose + tfjs matMul";
    const tasks: Record<string, () => unknown> = {
      "backprop op": () => op(a, b).dispose(),
      ...raw,
      "float64 reference": () => op(aRef, bRef).dispose(),
    };
    if (!quick && c.kind === "NN") {
      const av = a.dataSync() as Float32Array;
      const bv = b.dataSync() as Float32Array;
      tasks["naive JS loop (f32)"] = () => naive(av, bv, c.m, c.k, c.n);
    }
    const ms = await measure(tasks, timing);
    const flops = 2 * c.m * c.k * c.n;
    const gflops = Object.fromEntries(
      Object.entries(ms).map(([name, t]) => [name, flops / (t * 1e6)]),
    );
    const best = Math.max(...Object.keys(raw).map((f) => gflops[f]!));
    for (const [form, g] of Object.entries(gflops)) {
      const label = form === chosen ? `${form} (chosen)` : form;
      rows.push({
        shape: c.label,
        form: label,
        "ms/op": ms[form]!,
        "GFLOP/s": g,
        "% of best wasm form": (100 * g) / best,
      });
    }
    const overheadUs = (ms["backprop op"]! - ms[chosen]!) * 1000;
    targets.push({
      target: `chosen form within 10% of the fastest wasm form on ${c.label}`,
      pass: gflops[chosen]! >= 0.9 * best,
      detail: `${gflops[chosen]!.toFixed(1)} vs best ${best.toFixed(1)} GFLOP/s; backprop's op adds ${overheadUs.toFixed(0)} µs`,
    });
    if (c.m === 100 && c.k === 784 && c.n === 100 && c.kind === "NN") {
      const g = gflops["float64 reference"]!;
      targets.push({
        target: "float64 reference matMul ≥ 1.5 GFLOP/s on [100×784]·[784×100]",
        pass: g >= 1.5,
        detail: `${g.toFixed(2)} GFLOP/s`,
      });
    }
    tf.dispose([ta, tb]);
    for (const t of [a, b, aRef, bRef] as Tensor[]) t.dispose();
  }
  const header = ["shape", "form", "ms/op", "GFLOP/s", "% of best wasm form"];
  console.log(
    `\nmatMul (tfjs ${info.wasm?.tfjsVersion}, wasm SIMD ${info.wasm?.simd ? "on" : "off"}, ${quick ? "quick" : "full"} run)`,
  );
  console.log(
    formatTable(
      header,
      rows.map((r) => header.map((h) => r[h]!)),
    ),
  );
  const ok = reportTargets(targets);
  const path = writeResults(fileURLToPath(new URL("..", import.meta.url)), "matmul", {
    simd: info.wasm?.simd,
    quick,
    rows,
    targets,
  });
  console.log(`results: ${path}`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = quickMode();
  const ok = await benchMatMul(quick);
  // A quick run (the README's main job) is too short to judge the targets; only full runs fail.
  if (!quick) process.exitCode = ok ? 0 : 1;
}

import {
  Dense,
  type Layer,
  Sequential,
  Sigmoid,
  SigmoidBinaryCrossEntropy,
} from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { deriveRng } from "@backprop/random";
import { scope, sigmoid, tensor } from "@backprop/tensor-core";
import { type Dataset, evaluate, fit } from "@backprop/trainer";
import { runContext } from "../context.js";
import { heatmap } from "../plots/heatmap.js";
import { lineChart } from "../plots/line-chart.js";
import type { Experiment, ExperimentResult } from "../types.js";

/**
 * Settings of {@link xor}.
 *
 * @example
 * ```ts
 * import { type XorSettings, xor } from "@backprop/experiments";
 * const settings: XorSettings = xor.full;
 * console.log(settings.steps, settings.lr); // 10001 1
 * ```
 */
export interface XorSettings {
  /** Full-batch SGD steps (the lecture: 10 001). */
  readonly steps: number;
  /** SGD learning rate (the lecture: 1). */
  readonly lr: number;
  /** A net has converged when its loss is below this. */
  readonly target: number;
}

const INPUTS = [0, 0, 0, 1, 1, 0, 1, 1];
const TARGETS: Record<"AND" | "OR" | "XOR", number[]> = {
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  XOR: [0, 1, 1, 0],
};

function table(labels: readonly number[]): Dataset {
  return {
    count: 4,
    featureShape: [2],
    features: Float32Array.from(INPUTS),
    labels: Int32Array.from(labels),
    targets: { values: Float32Array.from(labels), shape: [4, 1] },
  };
}

/** A sigmoid MLP with sizes like `[2, 2, 1]`, PyTorch's default init, binary cross-entropy on the logit. */
function mlp(sizes: readonly number[], seed: number, tag: string): Sequential {
  const rng = deriveRng(seed, "xor", tag);
  const layers: Layer[] = [];
  for (let i = 1; i < sizes.length; i++) {
    // Tiny matrices: the float64 reference backend beats wasm's per-op overhead here.
    layers.push(
      new Dense(sizes[i - 1]!, sizes[i]!, { name: `linear${i}`, rng, backend: "reference" }),
    );
    if (i < sizes.length - 1) layers.push(new Sigmoid({ name: `sigmoid${i}` }));
  }
  return new Sequential(layers, { loss: new SigmoidBinaryCrossEntropy() });
}

async function train(
  net: Sequential,
  data: Dataset,
  settings: XorSettings,
  seed: number,
  signal?: AbortSignal,
) {
  const { history } = await fit({
    model: net,
    optimizer: sgd({ lr: settings.lr }),
    train: data,
    epochs: settings.steps,
    batchSize: 4,
    shuffle: false,
    evaluateTrain: false,
    seed,
    ...(signal === undefined ? {} : { signal }),
  });
  const reached = history.loss.findIndex((l) => l < settings.target);
  return {
    loss: history.loss,
    final: history.loss.at(-1)!,
    accuracy: evaluate(net, data).accuracy,
    reached: reached < 0 ? null : reached + 1,
  };
}

/**
 * The MLP lecture: a single-layer perceptron learns AND and OR but not XOR; a 2-2-1 sigmoid MLP
 * with binary cross-entropy and SGD (lr 1) solves XOR, and a wider, deeper 2-10-10-10-1 one
 * converges faster.
 *
 * @example
 * ```ts
 * import { xor } from "@backprop/experiments";
 * const result = await xor.run({ settings: { steps: 300 } });
 * console.log(result.plots.map((p) => p.name).join(" ")); // loss single-layer boundary
 * ```
 */
export const xor: Experiment<XorSettings> = {
  name: "xor",
  title: "XOR: one layer fails, a hidden layer solves it",
  source: "lecture",
  description:
    "Perceptrons learn AND and OR but not XOR; a 2-2-1 sigmoid MLP (BCE, SGD lr 1) solves it and 2-10-10-10-1 converges faster.",
  usesData: false,
  quick: { steps: 10_000, lr: 1, target: 0.01 },
  full: { steps: 10_001, lr: 1, target: 0.01 },
  async run(options = {}): Promise<ExperimentResult<XorSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const single: Record<string, { final: number; accuracy: number; loss: number[] }> = {};
    for (const [gate, labels] of Object.entries(TARGETS)) {
      ctx.progress(`single-layer perceptron on ${gate}`);
      const net = mlp([2, 1], ctx.seed, `single-${gate}`);
      single[gate] = await train(net, table(labels), s, ctx.seed, ctx.signal);
      net.dispose();
    }
    const shapes = { "2-2-1": [2, 2, 1], "2-10-10-10-1": [2, 10, 10, 10, 1] } as const;
    const deep: Record<string, Awaited<ReturnType<typeof train>>> = {};
    let boundary: number[][] = [];
    for (const [label, sizes] of Object.entries(shapes)) {
      ctx.progress(`${label} MLP on XOR`);
      const net = mlp(sizes, ctx.seed, label);
      deep[label] = await train(net, table(TARGETS.XOR), s, ctx.seed, ctx.signal);
      if (label === "2-2-1") {
        const n = 41;
        const grid = Array.from({ length: n * n }, (_, i) => [
          -0.5 + (2 * (i % n)) / (n - 1),
          1.5 - (2 * Math.floor(i / n)) / (n - 1),
        ]);
        const p = scope(() =>
          sigmoid(
            net.predict(
              tensor(grid.flat(), { shape: [n * n, 2], dtype: "float", backend: "reference" }),
            ),
          ).dataSync(),
        );
        boundary = Array.from({ length: n }, (_, r) => Array.from(p.subarray(r * n, r * n + n)));
      }
      net.dispose();
    }
    const small = deep["2-2-1"]!;
    const big = deep["2-10-10-10-1"]!;
    const steps = (r: { reached: number | null }) =>
      r.reached === null ? "never" : `${r.reached} steps`;
    const every = (values: number[]) =>
      values.filter(
        (_, i) => i % Math.max(1, Math.floor(values.length / 400)) === 0 || i === values.length - 1,
      );
    const curve = (name: string, loss: number[]) => ({
      name,
      points: every(loss.map((y, i) => i)).map((i) => ({ x: i + 1, y: loss[i]! })),
    });
    return ctx.result({
      dataset: null,
      data: {
        singleLayer: Object.fromEntries(
          Object.entries(single).map(([k, v]) => [k, { finalLoss: v.final, accuracy: v.accuracy }]),
        ),
        mlp: Object.fromEntries(
          Object.entries(deep).map(([k, v]) => [
            k,
            { finalLoss: v.final, accuracy: v.accuracy, stepsToTarget: v.reached },
          ]),
        ),
        boundary,
      },
      plots: [
        {
          name: "loss",
          title: "XOR: binary cross-entropy per step",
          spec: lineChart({
            title: "XOR: binary cross-entropy per step (full batch, SGD lr 1)",
            x: { title: "step" },
            y: { title: "loss", scale: "log" },
            legend: "network",
            points: false,
            series: [
              curve("single layer (2-1)", single.XOR!.loss),
              curve("2-2-1", small.loss),
              curve("2-10-10-10-1", big.loss),
            ],
          }),
        },
        {
          name: "single-layer",
          title: "A single-layer perceptron on AND, OR, XOR",
          spec: lineChart({
            title: "Single-layer perceptron: loss on AND, OR and XOR",
            x: { title: "step" },
            y: { title: "loss", scale: "log" },
            legend: "gate",
            points: false,
            series: Object.entries(single).map(([gate, r]) => curve(gate, r.loss)),
          }),
        },
        {
          name: "boundary",
          title: "Decision boundary of the 2-2-1 MLP",
          spec: heatmap({
            title: "2-2-1 MLP on XOR: p(output = 1) over the input plane",
            values: boundary,
            x: [-0.5, 1.5],
            y: [-0.5, 1.5],
            xTitle: "x1",
            yTitle: "x2",
            domain: [0, 1],
            legend: "p(1)",
            points: [0, 1, 2, 3].map((i) => ({
              x: INPUTS[2 * i]!,
              y: INPUTS[2 * i + 1]!,
              label: String(TARGETS.XOR[i]),
            })),
          }),
        },
      ],
      claims: [
        {
          statement: "A single-layer perceptron learns AND and OR",
          holds: single.AND!.accuracy === 1 && single.OR!.accuracy === 1,
          evidence: `accuracy AND ${single.AND!.accuracy}, OR ${single.OR!.accuracy}`,
        },
        {
          statement: "A single-layer perceptron cannot learn XOR",
          holds: single.XOR!.accuracy < 1 && single.XOR!.final > 0.5,
          evidence: `accuracy ${single.XOR!.accuracy}, loss stays at ${single.XOR!.final.toFixed(3)} (ln 2 = 0.693)`,
        },
        {
          statement: `A 2-2-1 sigmoid MLP solves XOR (loss below ${s.target})`,
          holds: small.accuracy === 1 && small.final < s.target,
          evidence: `loss ${small.final.toExponential(2)} after ${s.steps} steps, accuracy ${small.accuracy}, below ${s.target} after ${steps(small)}`,
        },
        {
          statement: "With more and wider layers (2-10-10-10-1) the loss falls further",
          holds: big.final < small.final,
          evidence: `final loss ${big.final.toExponential(2)} vs ${small.final.toExponential(2)} for 2-2-1 (below ${s.target} after ${steps(big)} vs ${steps(small)})`,
        },
      ],
      summary: [
        `single layer: AND acc ${single.AND!.accuracy}, OR acc ${single.OR!.accuracy}, XOR acc ${single.XOR!.accuracy} (loss ${single.XOR!.final.toFixed(3)})`,
        `2-2-1: loss ${small.final.toExponential(2)}, below ${s.target} after ${steps(small)}`,
        `2-10-10-10-1: loss ${big.final.toExponential(2)}, below ${s.target} after ${steps(big)}`,
      ],
    });
  },
};

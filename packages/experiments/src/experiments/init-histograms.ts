import { Dense, type Layer, ReLU, Sigmoid, Tanh } from "@backprop/layers";
import { deriveRng } from "@backprop/random";
import { scope, type Tensor, tensor } from "@backprop/tensor-core";
import { runContext } from "../context.js";
import { histogramGrid } from "../plots/histogram-grid.js";
import { lineChartGrid } from "../plots/line-chart-grid.js";
import type { Experiment, ExperimentResult } from "../types.js";

/** The hidden activations compared. */
type Activation = "sigmoid" | "tanh" | "relu";

/**
 * A weight scale of the chapter 6.2 experiments: a standard deviation, or the book's Xavier
 * (std √(1/n)) or He (std √(2/n)), n the units of the layer below.
 *
 * @example
 * ```ts
 * import type { InitScale } from "@backprop/experiments";
 * const scales: InitScale[] = [0.01, "xavier", "he"];
 * console.log(scales.length); // 3
 * ```
 */
export type InitScale = number | "xavier" | "he";

/**
 * Settings of {@link initHistograms}.
 *
 * @example
 * ```ts
 * import { type InitHistogramsSettings, initHistograms } from "@backprop/experiments";
 * const settings: InitHistogramsSettings = { ...initHistograms.full, samples: 200 };
 * console.log(settings.inits.relu.join(", ")); // 0.01, xavier, he
 * ```
 */
export interface InitHistogramsSettings {
  /** Hidden layers (the book: 5). */
  readonly layers: number;
  /** Units per layer, also the input width (the book: 100). */
  readonly units: number;
  /** Random N(0, 1) input rows (the book: 1 000). */
  readonly samples: number;
  /** Histogram bins per panel (the book: 30). */
  readonly bins: number;
  /** The weight scales tried for each activation (the book: std 1, 0.01, Xavier for sigmoid; 0.01, Xavier, He for ReLU). */
  readonly inits: Readonly<Record<Activation, readonly InitScale[]>>;
}

const ACTIVATIONS: readonly Activation[] = ["sigmoid", "tanh", "relu"];

/** Where each activation's histograms are drawn (ReLU's exact zeros are left out). */
const RANGE: Record<Activation, readonly [number, number]> = {
  sigmoid: [0, 1],
  tanh: [-1, 1],
  relu: [0, 4],
};

const NAME: Record<Activation, string> = { sigmoid: "Sigmoid", tanh: "tanh", relu: "ReLU" };

function initLabel(init: InitScale): string {
  return init === "xavier" ? "Xavier" : init === "he" ? "He" : `std ${init}`;
}

function initStd(init: InitScale, fanIn: number): number {
  return init === "xavier" ? Math.sqrt(1 / fanIn) : init === "he" ? Math.sqrt(2 / fanIn) : init;
}

function makeActivation(kind: Activation, name: string): Layer {
  return kind === "sigmoid"
    ? new Sigmoid({ name })
    : kind === "tanh"
      ? new Tanh({ name })
      : new ReLU({ name });
}

/** The statistics of one layer's activations. */
interface LayerStats {
  readonly layer: number;
  readonly mean: number;
  readonly std: number;
  /** Share of values within 0.1 of 0 or 1 (sigmoid saturation). */
  readonly saturated01: number;
  /** Share of values within 0.1 of 0.5. */
  readonly nearHalf: number;
  /** Share of exact zeros (ReLU's dead outputs). */
  readonly zeros: number;
  /** Share of the drawn values (ReLU: non-zero ones) outside the histogram range. */
  readonly outside: number;
  /** Histogram counts over the activation's range (ReLU: zeros left out). */
  readonly counts: number[];
}

function layerStats(
  values: ArrayLike<number>,
  layer: number,
  kind: Activation,
  bins: number,
): LayerStats {
  const n = values.length;
  const [lo, hi] = RANGE[kind];
  const counts = new Array<number>(bins).fill(0);
  let sum = 0;
  let sq = 0;
  let saturated = 0;
  let half = 0;
  let zeros = 0;
  let outside = 0;
  let drawn = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    sq += v * v;
    if (v < 0.1 || v > 0.9) saturated++;
    if (Math.abs(v - 0.5) < 0.1) half++;
    if (v === 0) zeros++;
    if (kind === "relu" && v === 0) continue;
    drawn++;
    if (v < lo || v > hi) {
      outside++;
      continue;
    }
    counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]!++;
  }
  const mean = sum / n;
  return {
    layer,
    mean,
    std: Math.sqrt(Math.max(0, sq / n - mean * mean)),
    saturated01: saturated / n,
    nearHalf: half / n,
    zeros: zeros / n,
    outside: outside / Math.max(1, drawn),
    counts,
  };
}

/**
 * Forwards `x` through `layers` hidden layers of `units` (weights N(0, std²), no bias, as the
 * book's script) with the activation, returning each layer's statistics.
 */
function activations(
  x: Tensor,
  kind: Activation,
  init: InitScale,
  settings: InitHistogramsSettings,
  seed: number,
): LayerStats[] {
  const rng = deriveRng(seed, "init-histograms", kind, initLabel(init));
  const stats: LayerStats[] = [];
  const layers: Layer[] = [];
  try {
    scope(() => {
      let h = x;
      for (let i = 1; i <= settings.layers; i++) {
        const dense = new Dense(settings.units, settings.units, {
          name: `affine${i}`,
          rng,
          init: initStd(init, settings.units),
          bias: false,
          backend: "reference",
        });
        const act = makeActivation(kind, `${kind}${i}`);
        layers.push(dense, act);
        h = act.forward(dense.forward(h));
        stats.push(layerStats(h.dataSync(), i, kind, settings.bins));
      }
    });
  } finally {
    for (const layer of layers) layer.dispose();
  }
  return stats;
}

const pct = (v: number) => `${(100 * v).toFixed(v < 0.001 && v > 0 ? 2 : 1)}%`;
const num = (v: number) => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toFixed(3));

/**
 * Chapter 6.2: the distribution of hidden-layer activations under different weight scales —
 * 1 000 random N(0, 1) inputs through 5 layers of 100 units (no bias, as the book's script),
 * histograms of every layer's outputs for sigmoid, tanh and ReLU with weights of std 1, 0.01,
 * Xavier √(1/n) and He √(2/n). Sigmoid with std 1 saturates at 0 and 1, std 0.01 collapses to
 * 0.5, Xavier spreads; with ReLU std 0.01 vanishes, Xavier shrinks with depth, He keeps its
 * spread.
 *
 * @example
 * ```ts
 * import { initHistograms } from "@backprop/experiments";
 * const result = await initHistograms.run({ settings: { samples: 100 } });
 * console.log(result.plots.map((p) => p.name).join(" ")); // sigmoid tanh relu spread
 * ```
 */
export const initHistograms: Experiment<InitHistogramsSettings> = {
  name: "init-histograms",
  title: "Hidden-layer activations under different weight initialisations",
  source: "ch6",
  description:
    "5 layers of 100 units on 1 000 random inputs: activation histograms per layer for sigmoid, tanh and ReLU with weight std 1 / 0.01 / Xavier / He (saturation, collapse and vanishing).",
  usesData: false,
  quick: {
    layers: 5,
    units: 100,
    samples: 1000,
    bins: 30,
    inits: {
      sigmoid: [1, 0.01, "xavier", "he"],
      tanh: [0.01, "xavier", "he"],
      relu: [0.01, "xavier", "he"],
    },
  },
  full: {
    layers: 5,
    units: 100,
    samples: 1000,
    bins: 30,
    inits: {
      sigmoid: [1, 0.01, "xavier", "he"],
      tanh: [0.01, "xavier", "he"],
      relu: [0.01, "xavier", "he"],
    },
  },
  async run(options = {}): Promise<ExperimentResult<InitHistogramsSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const input = deriveRng(ctx.seed, "init-histograms", "input").fillNormal(
      new Float64Array(s.samples * s.units),
    );
    const x = tensor(input, { shape: [s.samples, s.units], backend: "reference" });
    const results: Record<Activation, Array<{ init: InitScale; layers: LayerStats[] }>> = {
      sigmoid: [],
      tanh: [],
      relu: [],
    };
    try {
      for (const kind of ACTIVATIONS) {
        for (const init of s.inits[kind]) {
          ctx.progress(`${NAME[kind]}, ${initLabel(init)}`);
          results[kind].push({ init, layers: activations(x, kind, init, s, ctx.seed) });
        }
      }
    } finally {
      x.dispose();
    }
    const find = (kind: Activation, init: InitScale) =>
      results[kind].find((r) => r.init === init)?.layers;
    const perLayer = (layers: readonly LayerStats[], f: (l: LayerStats) => string) =>
      layers.map(f).join(", ");

    const claims = [];
    const sig1 = find("sigmoid", 1);
    if (sig1 !== undefined)
      claims.push({
        statement:
          "Sigmoid, weights std 1: the activations pile up at 0 and 1 (saturation: the gradients vanish)",
        holds: sig1.every((l) => l.saturated01 > 0.5),
        evidence: `share within 0.1 of 0 or 1, layers 1–${sig1.length}: ${perLayer(sig1, (l) => pct(l.saturated01))}`,
      });
    const sig001 = find("sigmoid", 0.01);
    if (sig001 !== undefined)
      claims.push({
        statement:
          "Sigmoid, weights std 0.01: the activations crowd around 0.5 (every unit says the same: little expressive power)",
        holds: sig001.every((l) => l.nearHalf > 0.99),
        evidence: `share within 0.1 of 0.5: ${perLayer(sig001, (l) => pct(l.nearHalf))}; std ${perLayer(sig001, (l) => num(l.std))}`,
      });
    const sigX = find("sigmoid", "xavier");
    if (sigX !== undefined && sig001 !== undefined)
      claims.push({
        statement:
          "Sigmoid, Xavier init: the activations spread widely — far more than with std 0.01, without saturating like std 1",
        holds: sigX.every((l, i) => l.std > 4 * sig001[i]!.std && l.saturated01 < 0.05),
        evidence: `std per layer ${perLayer(sigX, (l) => num(l.std))} (std 0.01: ${perLayer(sig001, (l) => num(l.std))}); share within 0.1 of 0 or 1 ${perLayer(sigX, (l) => pct(l.saturated01))}`,
      });
    const tanhX = find("tanh", "xavier");
    if (tanhX !== undefined) {
      // A hump around 0: symmetric (mean ≈ 0), and the middle third of the range denser per bin
      // than the outer thirds.
      const hump = tanhX.map((l) => {
        const third = Math.floor(s.bins / 3);
        const middle = l.counts.slice(third, s.bins - third);
        const outer = [...l.counts.slice(0, third), ...l.counts.slice(s.bins - third)];
        const avg = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
        return { ratio: avg(middle) / Math.max(1e-12, avg(outer)), mean: l.mean };
      });
      const deep = hump.slice(1);
      claims.push({
        statement:
          "tanh, Xavier init: from layer 2 on the activations form a symmetric bell around 0 (the book's fix for sigmoid's lopsided upper layers)",
        holds: deep.every((h) => h.ratio > 1.2 && Math.abs(h.mean) < 0.05),
        evidence: `per-bin density of the middle third over the outer thirds, layers 1–${hump.length}: ${hump.map((h) => h.ratio.toFixed(1)).join(", ")}${hump[0]!.ratio < 1 ? " (layer 1 is U-shaped)" : ""}; means ${perLayer(tanhX, (l) => num(l.mean))}`,
      });
    }
    const relu001 = find("relu", 0.01);
    const reluHe = find("relu", "he");
    if (relu001 !== undefined && reluHe !== undefined)
      claims.push({
        statement:
          "ReLU, weights std 0.01: the activations shrink towards 0 layer by layer (they and the gradients vanish)",
        holds: relu001.at(-1)!.std < 1e-3 * reluHe.at(-1)!.std,
        evidence: `std per layer ${perLayer(relu001, (l) => num(l.std))}; layer ${relu001.length}: ${relu001.at(-1)!.std.toExponential(1)} vs ${num(reluHe.at(-1)!.std)} with He`,
      });
    const reluX = find("relu", "xavier");
    if (reluX !== undefined)
      claims.push({
        statement: "ReLU, Xavier init: the spread shrinks as the layers get deeper",
        holds:
          reluX.at(-1)!.std < 0.5 * reluX[0]!.std &&
          reluX.every((l, i) => i === 0 || l.std < reluX[i - 1]!.std),
        evidence: `std per layer ${perLayer(reluX, (l) => num(l.std))}`,
      });
    if (reluHe !== undefined)
      claims.push({
        statement: "ReLU, He init: every layer keeps about the same spread",
        holds: reluHe.every((l) => l.std > 0.5 * reluHe[0]!.std && l.std < 2 * reluHe[0]!.std),
        evidence: `std per layer ${perLayer(reluHe, (l) => num(l.std))}`,
      });

    const plots = ACTIVATIONS.filter((kind) => results[kind].length > 0).map((kind) => {
      const rows = results[kind];
      const outside = Math.max(...rows.flatMap((r) => r.layers.map((l) => l.outside)));
      const zeros = kind === "relu" ? rows.flatMap((r) => r.layers.map((l) => l.zeros)) : [];
      const notes = [
        `${s.samples} N(0, 1) inputs × ${s.units} features through ${s.layers} layers of ${s.units} units (no bias); ${s.bins} bins per panel`,
        ...(kind === "relu"
          ? [
              `exact zeros left out (${pct(Math.min(...zeros))}–${pct(Math.max(...zeros))} of the outputs); each row has its own count axis`,
            ]
          : ["each row has its own count axis"]),
        ...(outside > 0.0005
          ? [`up to ${pct(outside)} of a panel's values lie beyond the axis and are not drawn`]
          : []),
      ];
      return {
        name: kind,
        title: `${NAME[kind]} activations per layer`,
        spec: histogramGrid({
          title: `${NAME[kind]}: activations of each hidden layer, by weight initialisation`,
          subtitle: notes,
          range: RANGE[kind],
          ...(kind === "relu" ? { ticks: [0, 1, 2, 3, 4] } : {}),
          x: { title: `${NAME[kind]} output` },
          rows: rows.map((r) => ({
            title: initLabel(r.init),
            panels: r.layers.map((l) => ({ title: `layer ${l.layer}`, counts: l.counts })),
          })),
        }),
      };
    });
    const spread = lineChartGrid({
      title: "Spread of the activations per layer (standard deviation)",
      subtitle: "on a log axis: std 0.01 vanishes under tanh and ReLU; He holds ReLU steady",
      columns: 3,
      x: { title: "layer" },
      y: { title: "std of the activations", scale: "log" },
      legend: "weights",
      width: 200,
      height: 170,
      panels: ACTIVATIONS.filter((kind) => results[kind].length > 0).map((kind) => ({
        title: NAME[kind],
        series: results[kind].map((r) => ({
          name: initLabel(r.init),
          points: r.layers.map((l) => ({ x: l.layer, y: l.std })),
        })),
      })),
    });
    const data = Object.fromEntries(
      ACTIVATIONS.map((kind) => [
        kind,
        results[kind].map((r) => ({
          init: r.init,
          std: initStd(r.init, s.units),
          layers: r.layers,
        })),
      ]),
    );
    return ctx.result({
      dataset: null,
      data: { range: RANGE, ...data },
      plots: [
        ...plots,
        { name: "spread", title: "Std of the activations per layer", spec: spread },
      ],
      claims,
      summary: ACTIVATIONS.flatMap((kind) =>
        results[kind].map(
          (r) =>
            `${NAME[kind].padEnd(7)} ${initLabel(r.init).padEnd(8)} std per layer ${perLayer(r.layers, (l) => num(l.std))}`,
        ),
      ),
    });
  },
};

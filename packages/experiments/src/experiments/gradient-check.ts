import { multiLayerNet } from "@backprop/layers";
import { deriveRng } from "@backprop/random";
import { scope, tensor } from "@backprop/tensor-core";
import { selectRows } from "@backprop/trainer";
import { runContext } from "../context.js";
import { barChart } from "../plots/bar-chart.js";
import type { Experiment, ExperimentResult } from "../types.js";

/**
 * Settings of {@link gradientCheck}.
 *
 * @example
 * ```ts
 * import { gradientCheck, type GradientCheckSettings } from "@backprop/experiments";
 * const settings: GradientCheckSettings = { ...gradientCheck.quick, entriesPerParameter: null }; // every entry, as the book
 * console.log(settings.hidden, settings.samples); // 50 3
 * ```
 */
export interface GradientCheckSettings {
  /** Hidden units of the TwoLayerNet (the book: 50). */
  readonly hidden: number;
  /** Training images in the batch (the book: 3). */
  readonly samples: number;
  /** Entries per parameter differentiated numerically; `null`: every one (the book's run). */
  readonly entriesPerParameter: number | null;
  /** Central-difference step (the book: 1e-4). */
  readonly h: number;
}

const now = () => performance.now();

/**
 * Chapter 4/5: the book's TwoLayerNet (784-50-10, sigmoid, weights N(0, 0.01²)) on float64 —
 * the numerical gradient against the backprop gradient on a few images: the mean absolute
 * difference per parameter, and how much slower the numerical one is.
 *
 * @example
 * ```ts
 * import { gradientCheck } from "@backprop/experiments";
 * const result = await gradientCheck.run({ settings: { entriesPerParameter: 5 } });
 * console.log(result.claims[0]?.holds); // true
 * ```
 */
export const gradientCheck: Experiment<GradientCheckSettings> = {
  name: "gradient-check",
  title: "Gradient check: numerical vs backprop gradient of TwoLayerNet",
  source: "ch4",
  description:
    "The book's TwoLayerNet on float64: numerical and backprop gradients agree to ~1e-10, and the numerical one is tens of thousands of times slower.",
  usesData: true,
  quick: { hidden: 50, samples: 3, entriesPerParameter: 1000, h: 1e-4 },
  full: { hidden: 50, samples: 3, entriesPerParameter: null, h: 1e-4 },
  async run(options = {}): Promise<ExperimentResult<GradientCheckSettings>> {
    const ctx = runContext(this, options);
    const { hidden, samples, entriesPerParameter, h } = ctx.settings;
    const data = await ctx.data();
    const rng = deriveRng(ctx.seed, "gradient-check");
    const batch = selectRows(data.train, rng.sample(data.train.count, samples));
    const inputSize = batch.features.length / samples;
    const backend = "reference" as const;
    const net = multiLayerNet({
      inputSize,
      hiddenSizes: [hidden],
      outputSize: 10,
      activation: "sigmoid",
      weightInit: 0.01,
      rng: deriveRng(ctx.seed, "init"),
      backend,
    });
    const x = tensor(batch.features, { shape: [samples, inputSize], dtype: "float", backend });
    const t = tensor(Int32Array.from(batch.labels), { dtype: "int32", backend });
    try {
      // Backprop: the best of five runs.
      let backpropMs = Number.POSITIVE_INFINITY;
      let analytic = new Map<string, Float64Array>();
      for (let i = 0; i < 5; i++) {
        const start = now();
        const grads = net.gradient(x, t);
        backpropMs = Math.min(backpropMs, now() - start);
        analytic = new Map([...grads].map(([name, g]) => [name, Float64Array.from(g.dataSync())]));
      }
      const pick = deriveRng(ctx.seed, "entries");
      const rows: Array<{
        name: string;
        size: number;
        checked: number;
        meanAbsDiff: number;
        maxAbsDiff: number;
        ms: number;
      }> = [];
      for (const [name, w] of net.params) {
        const size = w.size;
        const entries =
          entriesPerParameter === null || entriesPerParameter >= size
            ? Int32Array.from({ length: size }, (_, i) => i)
            : pick.sample(size, entriesPerParameter);
        ctx.progress(`numerical gradient of ${name}: ${entries.length} of ${size} entries`);
        const start = now();
        const numeric = scope(() => net.numericalGradientAt(x, t, name, entries, { h }));
        const ms = now() - start;
        const exact = analytic.get(name)!;
        let sum = 0;
        let max = 0;
        entries.forEach((e, k) => {
          const d = Math.abs(numeric[k]! - exact[e]!);
          sum += d;
          max = Math.max(max, d);
        });
        rows.push({
          name,
          size,
          checked: entries.length,
          meanAbsDiff: sum / entries.length,
          maxAbsDiff: max,
          ms,
        });
      }
      const total = rows.reduce((a, r) => a + r.size, 0);
      const checked = rows.reduce((a, r) => a + r.checked, 0);
      const measuredMs = rows.reduce((a, r) => a + r.ms, 0);
      const numericalMs = rows.reduce((a, r) => a + (r.ms * r.size) / r.checked, 0);
      const estimated = checked < total;
      const ratio = numericalMs / backpropMs;
      const worst = Math.max(...rows.map((r) => r.meanAbsDiff));
      const differences = barChart({
        title: "Numerical vs backprop gradient: mean |difference| per parameter",
        subtitle: `TwoLayerNet 784-${hidden}-10 on ${samples} images, float64, h = ${h}${estimated ? ` (${checked} of ${total} entries)` : ""}`,
        x: "parameter",
        y: { title: "mean |numerical − backprop|", scale: "log" },
        valueFormat: ".1e",
        bars: rows.map((r) => ({ label: r.name, value: r.meanAbsDiff })),
      });
      const times = barChart({
        title: "Time for one gradient of all parameters",
        subtitle: estimated
          ? `numerical: measured on ${checked} entries, scaled to all ${total}`
          : `all ${total} entries`,
        y: { title: "milliseconds", scale: "log" },
        valueFormat: ".3s",
        bars: [
          { label: "backprop", value: backpropMs },
          { label: "numerical", value: numericalMs },
        ],
      });
      return ctx.result({
        dataset: data.name,
        data: {
          parameters: rows,
          backpropMs,
          numericalMs,
          numericalEstimated: estimated,
          measuredMs,
          ratio,
        },
        plots: [
          { name: "differences", title: "Mean |difference| per parameter", spec: differences },
          { name: "times", title: "Time per gradient", spec: times },
        ],
        claims: [
          {
            statement:
              "The backprop gradient agrees with the numerical gradient (the book: ~1e-10 … 1e-13 on float64)",
            holds: worst < 1e-7,
            evidence: rows.map((r) => `${r.name} ${r.meanAbsDiff.toExponential(1)}`).join(", "),
          },
          {
            statement: "The numerical gradient is tens of thousands of times slower than backprop",
            holds: ratio > 1e4,
            evidence: `${numericalMs.toFixed(0)} ms${estimated ? " (estimated)" : ""} vs ${backpropMs.toFixed(2)} ms: ${Math.round(ratio).toLocaleString("en-US")}×`,
          },
        ],
        summary: [
          ...rows.map(
            (r) =>
              `${r.name.padEnd(15)} mean |diff| ${r.meanAbsDiff.toExponential(2)}  max ${r.maxAbsDiff.toExponential(2)}  (${r.checked} of ${r.size} entries)`,
          ),
          `backprop ${backpropMs.toFixed(2)} ms, numerical ${numericalMs.toFixed(0)} ms${estimated ? " (estimated from the entries checked)" : ""}`,
        ],
      });
    } finally {
      net.dispose();
      x.dispose();
      t.dispose();
    }
  },
};

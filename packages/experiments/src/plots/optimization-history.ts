import type { SearchTrialPoint } from "./search-trials.js";
import { PLOT_COLORS, specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link optimizationHistory}.
 *
 * @example
 * ```ts
 * import type { OptimizationHistoryOptions } from "@backprop/experiments";
 * const options: OptimizationHistoryOptions = { title: "search", direction: "maximize", trials: [], valueTitle: "validation accuracy" };
 * console.log(options.direction); // maximize
 * ```
 */
export interface OptimizationHistoryOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly direction: "minimize" | "maximize";
  readonly trials: readonly SearchTrialPoint[];
  /** The y axis title (default "objective value"). */
  readonly valueTitle?: string;
  /** A d3 format of the values (e.g. ".0%"). */
  readonly format?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Optuna's optimization history: every trial's value by trial number, and the best value so far
 * as a step line.
 *
 * @example
 * ```ts
 * import { optimizationHistory } from "@backprop/experiments";
 * const trials = [0.5, 0.7, 0.6, 0.9].map((value, number) => ({ number, value, params: {} }));
 * const spec = optimizationHistory({ title: "history", direction: "maximize", trials });
 * const best = (spec.datasets as { best: Array<{ best: number }> }).best.map((r) => r.best);
 * console.log(best); // [ 0.5, 0.7, 0.7, 0.9 ]
 * ```
 */
export function optimizationHistory(options: OptimizationHistoryOptions): VegaLiteSpec {
  const trials = [...options.trials]
    .filter((t) => Number.isFinite(t.value))
    .sort((a, b) => a.number - b.number);
  const better = (a: number, b: number) => (options.direction === "minimize" ? a < b : a > b);
  const best: Array<{ number: number; best: number }> = [];
  for (const t of trials) {
    const previous = best.at(-1)?.best;
    best.push({
      number: t.number,
      best: previous === undefined || better(t.value, previous) ? t.value : previous,
    });
  }
  const y = {
    type: "quantitative",
    title: options.valueTitle ?? "objective value",
    scale: { zero: false, nice: true },
    ...(options.format === undefined ? {} : { axis: { format: options.format } }),
  };
  return {
    ...specHeader(options.title, options.subtitle),
    width: options.width ?? 520,
    height: options.height ?? 300,
    datasets: {
      trials: trials.map((t) => ({ number: t.number, value: t.value, kind: "trial" })),
      best: best.map((b) => ({ ...b, kind: "best so far" })),
    },
    layer: [
      {
        data: { name: "trials" },
        mark: { type: "point", filled: true, size: 28, opacity: 0.75, color: PLOT_COLORS.primary },
        encoding: {
          x: { field: "number", type: "quantitative", title: "trial" },
          y: { field: "value", ...y },
        },
      },
      {
        data: { name: "best" },
        mark: {
          type: "line",
          interpolate: "step-after",
          strokeWidth: 2,
          color: PLOT_COLORS.secondary,
        },
        encoding: {
          x: { field: "number", type: "quantitative" },
          y: { field: "best", ...y },
        },
      },
    ],
  };
}

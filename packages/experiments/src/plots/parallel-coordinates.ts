import { plottable, type SearchParamAxis, type SearchTrialPoint } from "./search-trials.js";
import { specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link parallelCoordinates}.
 *
 * @example
 * ```ts
 * import type { ParallelCoordinatesOptions } from "@backprop/experiments";
 * const options: ParallelCoordinatesOptions = { title: "params", axes: [{ name: "lr", log: true }], trials: [] };
 * console.log(options.axes[0]!.name); // lr
 * ```
 */
export interface ParallelCoordinatesOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly axes: readonly SearchParamAxis[];
  readonly trials: readonly SearchTrialPoint[];
  /** Title of the objective's axis and colour legend (default "objective value"). */
  readonly valueTitle?: string;
  readonly width?: number;
  readonly height?: number;
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0)
    ? x.toExponential(1)
    : Number(x.toPrecision(3)).toString();
}

/**
 * Optuna's parallel-coordinate plot: one vertical axis per parameter (log-scaled where the
 * search was) and one for the objective, each trial a line across them coloured by its value.
 * Every axis is scaled to its own range, labelled with its minimum and maximum.
 *
 * @example
 * ```ts
 * import { parallelCoordinates } from "@backprop/experiments";
 * const trials = [1e-4, 1e-3, 1e-2].map((lr, number) => ({ number, value: 0.5 + number / 10, params: { lr } }));
 * const spec = parallelCoordinates({ title: "pc", axes: [{ name: "lr", log: true }], trials });
 * const rows = (spec.data as { values: Array<{ axis: string; position: number }> }).values;
 * console.log(rows.filter((r) => r.axis === "lr").map((r) => r.position)); // [ 0, 0.5, 1 ]
 * ```
 */
export function parallelCoordinates(options: ParallelCoordinatesOptions): VegaLiteSpec {
  const valueTitle = options.valueTitle ?? "objective value";
  const trials = plottable(options.trials, options.axes);
  const columns = [
    ...options.axes.map((a) => ({
      name: a.name,
      log: a.log,
      get: (t: SearchTrialPoint) => t.params[a.name] as number,
    })),
    { name: valueTitle, log: false, get: (t: SearchTrialPoint) => t.value },
  ];
  const rows: Array<Record<string, unknown>> = [];
  const labels: Array<Record<string, unknown>> = [];
  columns.forEach((c, i) => {
    const values = trials.map(c.get);
    const scale = (v: number) => (c.log ? Math.log10(v) : v);
    const lo = Math.min(...values.map(scale));
    const hi = Math.max(...values.map(scale));
    for (const t of trials) {
      const v = c.get(t);
      rows.push({
        trial: t.number,
        axis: c.name,
        index: i,
        value: v,
        objective: t.value,
        position: hi > lo ? Math.round(((scale(v) - lo) / (hi - lo)) * 1e6) / 1e6 : 0.5,
      });
    }
    if (trials.length > 0) {
      const min = Math.min(...values);
      const max = Math.max(...values);
      labels.push({ axis: c.name, index: i, position: 0, label: fmt(min) });
      labels.push({ axis: c.name, index: i, position: 1, label: fmt(max) });
    }
  });
  const x = {
    field: "axis",
    type: "nominal",
    sort: columns.map((c) => c.name),
    title: null,
    axis: { orient: "top", labelAngle: 0, domain: false, ticks: false },
  };
  const y = { field: "position", type: "quantitative", axis: null, scale: { domain: [0, 1] } };
  return {
    ...specHeader(options.title, options.subtitle),
    width: options.width ?? Math.max(360, 160 * columns.length),
    height: options.height ?? 300,
    data: { values: rows },
    layer: [
      { mark: { type: "rule", color: "#999999" }, encoding: { x } },
      {
        mark: { type: "line", strokeWidth: 1.2, opacity: 0.7 },
        encoding: {
          x,
          y,
          detail: { field: "trial", type: "nominal" },
          color: {
            field: "objective",
            type: "quantitative",
            title: valueTitle,
            scale: { scheme: "viridis" },
          },
          order: { field: "index", type: "quantitative" },
        },
      },
      {
        data: { values: labels },
        mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#444444" },
        encoding: { x, y, text: { field: "label", type: "nominal" } },
      },
    ],
  };
}

import { plottable, type SearchParamAxis, type SearchTrialPoint } from "./search-trials.js";
import { specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link slicePlot}.
 *
 * @example
 * ```ts
 * import type { SlicePlotOptions } from "@backprop/experiments";
 * const options: SlicePlotOptions = { title: "slices", axes: [{ name: "lr", log: true }], trials: [] };
 * console.log(options.title); // slices
 * ```
 */
export interface SlicePlotOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly axes: readonly SearchParamAxis[];
  readonly trials: readonly SearchTrialPoint[];
  readonly valueTitle?: string;
  readonly format?: string;
  /** Size of one panel (default 300 × 240). */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Optuna's slice plot: for each parameter, every trial's value against that parameter's value
 * (log axes for log parameters), coloured by trial number — where the good values lie.
 *
 * @example
 * ```ts
 * import { slicePlot } from "@backprop/experiments";
 * const trials = [1e-4, 1e-3].map((lr, number) => ({ number, value: number, params: { lr, weight_decay: 1e-6 } }));
 * const spec = slicePlot({ title: "s", axes: [{ name: "lr", log: true }, { name: "weight_decay", log: true }], trials });
 * console.log((spec.hconcat as unknown[]).length); // 2
 * ```
 */
export function slicePlot(options: SlicePlotOptions): VegaLiteSpec {
  const trials = plottable(options.trials, options.axes);
  const y = {
    field: "value",
    type: "quantitative",
    title: options.valueTitle ?? "objective value",
    scale: { zero: false, nice: true },
    ...(options.format === undefined ? {} : { axis: { format: options.format } }),
  };
  return {
    ...specHeader(options.title, options.subtitle),
    hconcat: options.axes.map((a) => ({
      width: options.width ?? 300,
      height: options.height ?? 240,
      title: { text: a.name, fontSize: 12 },
      data: {
        values: trials.map((t) => ({ number: t.number, value: t.value, x: t.params[a.name] })),
      },
      mark: { type: "point", filled: true, size: 30, opacity: 0.8 },
      encoding: {
        x: {
          field: "x",
          type: "quantitative",
          title: a.name,
          scale: a.log ? { type: "log" } : { zero: false, nice: true },
          ...(a.log ? { axis: { format: "~e" } } : {}),
        },
        y,
        color: {
          field: "number",
          type: "quantitative",
          title: "trial",
          scale: { scheme: "blues" },
        },
      },
    })),
    resolve: { scale: { color: "shared", y: "shared" } },
  };
}

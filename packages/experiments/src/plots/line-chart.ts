import { type AxisOptions, drawable, quantitative } from "./axis.js";
import { specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * One line of a chart.
 *
 * @example
 * ```ts
 * import type { Series } from "@backprop/experiments";
 * const adam: Series = { name: "Adam", points: [{ x: 1, y: 2.3 }, { x: 2, y: 0.4 }] };
 * console.log(adam.points.length); // 2
 * ```
 */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
}

/**
 * Options of {@link lineChart}.
 *
 * @example
 * ```ts
 * import type { LineChartOptions } from "@backprop/experiments";
 * const options: LineChartOptions = { title: "loss", x: { title: "epoch" }, y: { title: "loss", scale: "log" }, series: [] };
 * console.log(options.y.scale); // log
 * ```
 */
export interface LineChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly series: readonly Series[];
  readonly x: AxisOptions;
  readonly y: AxisOptions;
  /** Draw a dot at every point (default: when a series has at most 60 points). */
  readonly points?: boolean;
  /** Legend title (default none). */
  readonly legend?: string;
  readonly width?: number;
  readonly height?: number;
}

/** The rows of a set of series, dropping what the axes cannot draw. */
export function seriesRows(
  series: readonly Series[],
  x: AxisOptions,
  y: AxisOptions,
  extra: Record<string, unknown> = {},
) {
  return series.flatMap((s) =>
    s.points
      .filter((p) => drawable(p.x, x) && drawable(p.y, y))
      .map((p) => ({ ...extra, series: s.name, x: p.x, y: p.y })),
  );
}

/** The layers of a multi-series line chart over rows of {@link seriesRows}. */
export function lineLayers(
  options: Pick<LineChartOptions, "series" | "x" | "y" | "points" | "legend">,
) {
  const order = options.series.map((s) => s.name);
  const dots = options.points ?? options.series.every((s) => s.points.length <= 60);
  const color = {
    field: "series",
    type: "nominal",
    sort: order,
    title: options.legend ?? null,
    legend: order.length > 1 ? { orient: "right", labelLimit: 320 } : null,
  };
  const encoding = { x: quantitative("x", options.x), y: quantitative("y", options.y), color };
  return [
    { mark: { type: "line", strokeWidth: 2, clip: true }, encoding },
    ...(dots ? [{ mark: { type: "point", filled: true, size: 30, clip: true }, encoding }] : []),
  ];
}

/**
 * A chart of one or more lines (loss or accuracy curves, trajectories): one colour per series,
 * a legend when there are several, log axes on request.
 *
 * @example
 * ```ts
 * import { lineChart } from "@backprop/experiments";
 * const spec = lineChart({ title: "Loss", x: { title: "epoch" }, y: { title: "loss" }, series: [{ name: "SGD", points: [{ x: 1, y: 2.3 }, { x: 2, y: 1.1 }] }] });
 * console.log((spec.data as { values: unknown[] }).values.length); // 2
 * ```
 */
export function lineChart(options: LineChartOptions): VegaLiteSpec {
  return {
    ...specHeader(options.title, options.subtitle),
    width: options.width ?? 480,
    height: options.height ?? 300,
    data: { values: seriesRows(options.series, options.x, options.y) },
    layer: lineLayers(options),
  };
}

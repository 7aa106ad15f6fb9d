import type { AxisOptions } from "./axis.js";
import { lineLayers, type Series, seriesRows } from "./line-chart.js";
import { specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link lineChartGrid}.
 *
 * @example
 * ```ts
 * import type { LineChartGridOptions } from "@backprop/experiments";
 * const options: LineChartGridOptions = { title: "grid", columns: 4, x: { title: "epoch" }, y: { title: "accuracy" }, panels: [] };
 * console.log(options.columns); // 4
 * ```
 */
export interface LineChartGridOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** The panels in reading order, each with its own title and lines (same series names throughout). */
  readonly panels: ReadonlyArray<{ readonly title: string; readonly series: readonly Series[] }>;
  readonly columns: number;
  readonly x: AxisOptions;
  readonly y: AxisOptions;
  readonly points?: boolean;
  readonly legend?: string;
  /** Size of one panel (default 180 × 130). */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Small multiples: a grid of line charts sharing axes and a legend (the book's 4×4 BatchNorm
 * grid, per-layer curves).
 *
 * @example
 * ```ts
 * import { lineChartGrid } from "@backprop/experiments";
 * const series = [{ name: "BN", points: [{ x: 1, y: 0.5 }] }];
 * const spec = lineChartGrid({ title: "BN", columns: 2, x: { title: "epoch" }, y: { title: "acc" }, panels: [{ title: "w 1", series }, { title: "w 0.1", series }] });
 * console.log(spec.columns); // 2
 * ```
 */
export function lineChartGrid(options: LineChartGridOptions): VegaLiteSpec {
  const order = options.panels.map((p) => p.title);
  const series = options.panels[0]?.series ?? [];
  return {
    ...specHeader(options.title, options.subtitle, {
      header: { labelFontSize: 11, titleFontSize: 12, labelFontWeight: "bold" },
    }),
    data: {
      values: options.panels.flatMap((p) =>
        seriesRows(p.series, options.x, options.y, { panel: p.title }),
      ),
    },
    facet: {
      field: "panel",
      type: "nominal",
      sort: order,
      title: null,
      header: { labelOrient: "top" },
    },
    columns: options.columns,
    spec: {
      width: options.width ?? 180,
      height: options.height ?? 130,
      layer: lineLayers({ ...options, series }),
    },
    resolve: { scale: { x: "shared", y: "shared" } },
  };
}

import { type AxisOptions, quantitative } from "./axis.js";
import { type Series, seriesRows } from "./line-chart.js";
import { specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link pathsOnContours}.
 *
 * @example
 * ```ts
 * import type { PathsOnContoursOptions } from "@backprop/experiments";
 * const options: PathsOnContoursOptions = { title: "paths", x: { title: "x" }, y: { title: "y" }, contours: [], paths: [] };
 * console.log(options.paths.length); // 0
 * ```
 */
export interface PathsOnContoursOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** Level curves of the function, drawn thin and grey. */
  readonly contours: readonly Series[];
  /** Optimisation paths, one colour each, with a dot per iterate. */
  readonly paths: readonly Series[];
  readonly x: AxisOptions;
  readonly y: AxisOptions;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Optimisation paths over the contour lines of the function they minimise (the book's
 * gradient-descent and optimizer-comparison figures).
 *
 * @example
 * ```ts
 * import { pathsOnContours } from "@backprop/experiments";
 * const circle = { name: "1", points: [{ x: 1, y: 0 }, { x: 0, y: 1 }, { x: -1, y: 0 }] };
 * const spec = pathsOnContours({ title: "GD", x: { title: "x" }, y: { title: "y" }, contours: [circle], paths: [{ name: "SGD", points: [{ x: -1, y: 1 }, { x: 0, y: 0 }] }] });
 * console.log((spec.layer as unknown[]).length); // 3
 * ```
 */
export function pathsOnContours(options: PathsOnContoursOptions): VegaLiteSpec {
  const x = quantitative("x", options.x);
  const y = quantitative("y", options.y);
  const order = options.paths.map((p) => p.name);
  const color = {
    field: "series",
    type: "nominal",
    sort: order,
    title: null,
    legend: order.length > 1 ? { orient: "right" } : null,
  };
  // Keep the drawing order of each path (Vega-Lite sorts lines by x unless told otherwise).
  const ordered = (series: readonly Series[]) =>
    series.flatMap((s) =>
      seriesRows([s], options.x, options.y).map((row, i) => ({ ...row, order: i })),
    );
  return {
    ...specHeader(options.title, options.subtitle),
    width: options.width ?? 420,
    height: options.height ?? 360,
    layer: [
      {
        data: { values: ordered(options.contours) },
        mark: { type: "line", stroke: "#c8c8c8", strokeWidth: 1, clip: true },
        encoding: {
          x,
          y,
          detail: { field: "series", type: "nominal" },
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        data: { values: ordered(options.paths) },
        mark: { type: "line", strokeWidth: 1.5, clip: true },
        encoding: { x, y, color, order: { field: "order", type: "quantitative" } },
      },
      {
        data: { values: ordered(options.paths) },
        mark: { type: "point", filled: true, size: 22, clip: true },
        encoding: { x, y, color },
      },
    ],
  };
}

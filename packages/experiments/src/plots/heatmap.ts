import { specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link heatmap}.
 *
 * @example
 * ```ts
 * import type { HeatmapOptions } from "@backprop/experiments";
 * const options: HeatmapOptions = { title: "p", values: [[0, 1], [1, 0]], x: [0, 1], y: [0, 1] };
 * console.log(options.values.length); // 2
 * ```
 */
export interface HeatmapOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** `values[row][column]`, row 0 at the top. */
  readonly values: ReadonlyArray<ReadonlyArray<number>>;
  /** The x range the columns span and the y range the rows span (top row at `y[1]`). */
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Colour scale domain (default: the values' range). */
  readonly domain?: readonly [number, number];
  /** A Vega colour scheme (default `"blueorange"`). */
  readonly scheme?: string;
  /** Or the colours of the domain's ends, e.g. `["white", "black"]` for a digit. */
  readonly colors?: readonly [string, string];
  readonly legend?: string | null;
  /** Points drawn on top, labelled (e.g. the four XOR inputs with their targets). */
  readonly points?: ReadonlyArray<{
    readonly x: number;
    readonly y: number;
    readonly label: string;
  }>;
  readonly width?: number;
  readonly height?: number;
}

/**
 * A grid of coloured cells over a region (a classifier's probability over the input plane, a
 * digit's pixels), with labelled points on top.
 *
 * @example
 * ```ts
 * import { heatmap } from "@backprop/experiments";
 * const spec = heatmap({ title: "p(1)", values: [[0.1, 0.9], [0.9, 0.1]], x: [0, 1], y: [0, 1] });
 * console.log((spec.layer as unknown[]).length); // 1
 * ```
 */
export function heatmap(options: HeatmapOptions): VegaLiteSpec {
  const rows = options.values.length;
  const cols = options.values[0]?.length ?? 0;
  const [x0, x1] = options.x;
  const [y0, y1] = options.y;
  const dx = (x1 - x0) / Math.max(1, cols);
  const dy = (y1 - y0) / Math.max(1, rows);
  const cells = options.values.flatMap((row, r) =>
    row.map((value, c) => ({
      x: x0 + c * dx,
      x2: x0 + (c + 1) * dx,
      y: y1 - (r + 1) * dy,
      y2: y1 - r * dy,
      value,
    })),
  );
  const scale = (lo: number, hi: number, title: string | undefined) => ({
    type: "quantitative",
    scale: { domain: [lo, hi], nice: false, zero: false },
    title: title ?? null,
  });
  const x = { field: "x", ...scale(x0, x1, options.xTitle) };
  const y = { field: "y", ...scale(y0, y1, options.yTitle) };
  const legend = options.legend === null ? null : { title: options.legend ?? null };
  return {
    ...specHeader(options.title, options.subtitle),
    width: options.width ?? 320,
    height: options.height ?? 320,
    layer: [
      {
        data: { values: cells },
        mark: { type: "rect", strokeWidth: 0 },
        encoding: {
          x,
          x2: { field: "x2" },
          y,
          y2: { field: "y2" },
          color: {
            field: "value",
            type: "quantitative",
            scale: {
              ...(options.colors === undefined
                ? { scheme: options.scheme ?? "blueorange" }
                : { range: [...options.colors] }),
              ...(options.domain === undefined ? {} : { domain: [...options.domain] }),
            },
            legend,
          },
        },
      },
      ...(options.points === undefined
        ? []
        : [
            {
              data: { values: options.points },
              mark: {
                type: "point",
                filled: true,
                size: 90,
                color: "black",
                stroke: "white",
                strokeWidth: 1.5,
              },
              encoding: {
                x: { field: "x", type: "quantitative" },
                y: { field: "y", type: "quantitative" },
              },
            },
            {
              data: { values: options.points },
              mark: { type: "text", dy: -14, fontSize: 12, fontWeight: "bold", color: "black" },
              encoding: {
                x: { field: "x", type: "quantitative" },
                y: { field: "y", type: "quantitative" },
                text: { field: "label" },
              },
            },
          ]),
    ],
  };
}

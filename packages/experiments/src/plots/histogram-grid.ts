import type { AxisOptions } from "./axis.js";
import { PLOT_COLORS, specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link histogramGrid}.
 *
 * @example
 * ```ts
 * import type { HistogramGridOptions } from "@backprop/experiments";
 * const options: HistogramGridOptions = { title: "activations", range: [0, 1], x: { title: "activation" }, rows: [] };
 * console.log(options.range); // [ 0, 1 ]
 * ```
 */
export interface HistogramGridOptions {
  readonly title: string;
  /** One line, or several. */
  readonly subtitle?: string | readonly string[];
  /**
   * Rows of panels, each with a label drawn at its left; every panel holds the counts of equal
   * bins spanning `range` (`counts[i]` covers the i-th of `counts.length` bins).
   */
  readonly rows: ReadonlyArray<{
    readonly title: string;
    readonly panels: ReadonlyArray<{ readonly title: string; readonly counts: readonly number[] }>;
  }>;
  /** The span of the bins, shared by every panel. */
  readonly range: readonly [number, number];
  /** The x axis (its domain defaults to `range`); its title is drawn under the last row only. */
  readonly x: AxisOptions;
  /** Title of the count axis (default `"count"`). */
  readonly y?: string;
  /**
   * `"row"` (default): the panels of a row share a count scale and rows have their own (a row
   * that piles everything into one bin does not flatten the others); `"all"`: one scale.
   */
  readonly yScale?: "row" | "all";
  /** Where the x axis has ticks (default: the two ends of `range` and its middle). */
  readonly ticks?: readonly number[];
  /** Bar colour (default the primary blue). */
  readonly color?: string;
  /** Size of one panel (default 120 × 80). */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Small multiples of histograms in rows and columns — the book's activation histograms per layer
 * (columns) for each weight initialisation (rows). Column titles are drawn over the first row,
 * row titles at the left; counts are pre-binned, so the spec stays small.
 *
 * @example
 * ```ts
 * import { histogramGrid } from "@backprop/experiments";
 * const spec = histogramGrid({
 *   title: "Activations", range: [0, 1], x: { title: "activation" },
 *   rows: [{ title: "std 1", panels: [{ title: "layer 1", counts: [5, 1, 5] }, { title: "layer 2", counts: [6, 0, 6] }] }],
 * });
 * console.log((spec.vconcat as unknown[]).length); // 1
 * ```
 */
export function histogramGrid(options: HistogramGridOptions): VegaLiteSpec {
  const [lo, hi] = options.range;
  const domain = options.x.domain ?? options.range;
  const last = options.rows.length - 1;
  const vconcat = options.rows.map((row, r) => {
    const values = row.panels.flatMap((panel) => {
      const width = (hi - lo) / Math.max(1, panel.counts.length);
      return panel.counts.map((count, i) => ({
        row: row.title,
        panel: panel.title,
        x0: lo + i * width,
        x1: lo + (i + 1) * width,
        count,
      }));
    });
    return {
      data: { values },
      facet: {
        row: {
          field: "row",
          type: "nominal",
          title: null,
          header: {
            labelAngle: 0,
            // With labels at the left, Vega's "left" alignment ends every label at the panels.
            labelAlign: "left",
            labelOrient: "left",
            labelFontWeight: "bold",
            labelFontSize: 12,
            labelPadding: 8,
            labelLimit: 140,
          },
        },
        column: {
          field: "panel",
          type: "nominal",
          sort: row.panels.map((p) => p.title),
          title: null,
          header:
            r === 0 ? { labelOrient: "top", labelFontWeight: "bold", labelFontSize: 12 } : null,
        },
      },
      spec: {
        width: options.width ?? 120,
        height: options.height ?? 80,
        mark: {
          type: "rect",
          color: options.color ?? PLOT_COLORS.primary,
          stroke: "white",
          strokeWidth: 0.3,
        },
        encoding: {
          x: {
            field: "x0",
            type: "quantitative",
            scale: { domain: [...domain], nice: false, zero: false },
            title: r === last ? options.x.title : null,
            axis: {
              values: [...(options.ticks ?? [lo, (lo + hi) / 2, hi])],
              labelFlush: true,
              ...(options.x.format === undefined ? {} : { format: options.x.format }),
            },
          },
          x2: { field: "x1" },
          y: {
            field: "count",
            type: "quantitative",
            title: options.y ?? "count",
            axis: {
              tickCount: 3,
              labelExpr: "datum.value === 0 ? '0' : format(datum.value, '~s')",
            },
          },
        },
      },
      resolve: { scale: { y: "shared" } },
    };
  });
  const subtitle = options.subtitle;
  return {
    ...specHeader(options.title, subtitle),
    spacing: 6,
    vconcat,
    resolve: {
      scale: { x: "shared", y: (options.yScale ?? "row") === "row" ? "independent" : "shared" },
    },
  };
}

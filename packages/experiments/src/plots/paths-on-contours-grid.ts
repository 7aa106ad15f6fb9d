import type { AxisOptions } from "./axis.js";
import type { Series } from "./line-chart.js";
import { pathsOnContours } from "./paths-on-contours.js";
import { PLOT_COLORS, plotConfig, specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link pathsOnContoursGrid}.
 *
 * @example
 * ```ts
 * import type { PathsOnContoursGridOptions } from "@backprop/experiments";
 * const options: PathsOnContoursGridOptions = { title: "paths", columns: 2, x: { title: "x" }, y: { title: "y" }, contours: [], panels: [] };
 * console.log(options.columns); // 2
 * ```
 */
export interface PathsOnContoursGridOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** Level curves of the function, drawn thin and grey in every panel. */
  readonly contours: readonly Series[];
  /** The panels in reading order, each with its title and its paths (a colour per path name). */
  readonly panels: ReadonlyArray<{ readonly title: string; readonly paths: readonly Series[] }>;
  readonly columns: number;
  readonly x: AxisOptions;
  readonly y: AxisOptions;
  /** A point marked with a cross in every panel (e.g. the minimum), with a label. */
  readonly marker?: { readonly x: number; readonly y: number; readonly label?: string };
  /** Size of one panel (default 300 × 200). */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Small multiples of {@link pathsOnContours}: one panel per optimiser over the same contour lines
 * (the book's 2×2 optimizer-comparison figure). Colours are shared across the panels, so a path
 * keeps its colour wherever it appears; panels with one path need no legend.
 *
 * @example
 * ```ts
 * import { pathsOnContoursGrid } from "@backprop/experiments";
 * const ring = { name: "f = 1", points: [{ x: 1, y: 0 }, { x: 0, y: 1 }, { x: -1, y: 0 }] };
 * const spec = pathsOnContoursGrid({
 *   title: "Optimisers", columns: 2, x: { title: "x" }, y: { title: "y" }, contours: [ring],
 *   panels: [
 *     { title: "SGD", paths: [{ name: "SGD", points: [{ x: -1, y: 1 }, { x: 0, y: 0 }] }] },
 *     { title: "Adam", paths: [{ name: "Adam", points: [{ x: -1, y: 1 }, { x: 0, y: 0.1 }] }] },
 *   ],
 *   marker: { x: 0, y: 0, label: "minimum" },
 * });
 * console.log((spec.concat as unknown[]).length); // 2
 * ```
 */
export function pathsOnContoursGrid(options: PathsOnContoursGridOptions): VegaLiteSpec {
  const names = [...new Set(options.panels.flatMap((p) => p.paths.map((s) => s.name)))];
  const marker = options.marker;
  const markerLayers =
    marker === undefined
      ? []
      : [
          {
            data: { values: [{ x: marker.x, y: marker.y, label: marker.label ?? "" }] },
            mark: {
              type: "point",
              shape: "cross",
              size: 110,
              filled: true,
              color: PLOT_COLORS.text,
              clip: true,
            },
            encoding: {
              x: { field: "x", type: "quantitative" },
              y: { field: "y", type: "quantitative" },
            },
          },
          ...(marker.label === undefined
            ? []
            : [
                {
                  data: { values: [{ x: marker.x, y: marker.y, label: marker.label }] },
                  mark: {
                    type: "text",
                    dy: 14,
                    fontSize: 10,
                    color: PLOT_COLORS.muted,
                  },
                  encoding: {
                    x: { field: "x", type: "quantitative" },
                    y: { field: "y", type: "quantitative" },
                    text: { field: "label" },
                  },
                },
              ]),
        ];
  const concat = options.panels.map((panel) => {
    const {
      $schema: _schema,
      config: _config,
      ...spec
    } = pathsOnContours({
      title: panel.title,
      contours: options.contours,
      paths: panel.paths,
      x: options.x,
      y: options.y,
      width: options.width ?? 300,
      height: options.height ?? 200,
    });
    const layers = (spec.layer as ReadonlyArray<Record<string, unknown>>).map((layer) => {
      const encoding = layer.encoding as Record<string, unknown>;
      const color = encoding.color as Record<string, unknown> | undefined;
      // One colour domain over all the panels, in panel order.
      return color === undefined
        ? layer
        : { ...layer, encoding: { ...encoding, color: { ...color, sort: names, legend: null } } };
    });
    return { ...spec, layer: [...layers, ...markerLayers] };
  });
  // Panel titles at 13 px, the grid's own title at the usual 15.
  const header = specHeader(options.title, options.subtitle, {
    title: { ...(plotConfig().title as object), fontSize: 13 },
  });
  return {
    ...header,
    title: { ...header.title, fontSize: 15 },
    columns: options.columns,
    concat,
    resolve: { scale: { color: "shared" } },
  };
}

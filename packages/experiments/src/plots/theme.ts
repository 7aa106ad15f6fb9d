/**
 * The font family every plot is drawn in: DejaVu Sans (the CLI renders with the TTF files of the
 * npm package `dejavu-fonts-ttf`, so PNGs look the same on every machine); a browser without it
 * falls back to its own sans-serif.
 *
 * @example
 * ```ts
 * import { PLOT_FONT_FAMILY } from "@backprop/experiments";
 * console.log(PLOT_FONT_FAMILY); // DejaVu Sans, sans-serif
 * ```
 */
export const PLOT_FONT_FAMILY = "DejaVu Sans, sans-serif";

/**
 * Colours of the report's plots (Tableau 10 blue and orange, and a grey for context lines).
 *
 * @example
 * ```ts
 * import { PLOT_COLORS } from "@backprop/experiments";
 * console.log(PLOT_COLORS.primary); // #4c78a8
 * ```
 */
export const PLOT_COLORS = {
  primary: "#4c78a8",
  secondary: "#f58518",
  faint: "#a6c4e2",
  text: "#222222",
  muted: "#666666",
} as const;

/**
 * The Vega-Lite `config` every spec builder puts in its spec: the bundled font everywhere,
 * readable sizes, a white background, no frame around the plot area. A spec carries its own
 * config so it renders the same through `renderPlot`, the Vega-Lite editor or vega-embed.
 *
 * @example
 * ```ts
 * import { plotConfig } from "@backprop/experiments";
 * console.log(plotConfig().font); // DejaVu Sans, sans-serif
 * ```
 */
export function plotConfig(): Record<string, unknown> {
  return {
    font: PLOT_FONT_FAMILY,
    background: "white",
    padding: 8,
    view: { stroke: null },
    title: {
      fontSize: 15,
      fontWeight: "bold",
      color: PLOT_COLORS.text,
      anchor: "start",
      offset: 10,
    },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      labelColor: PLOT_COLORS.text,
      titleColor: PLOT_COLORS.text,
      gridColor: "#e6e6e6",
      domainColor: "#888888",
      tickColor: "#888888",
    },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      labelColor: PLOT_COLORS.text,
      titleColor: PLOT_COLORS.text,
    },
    header: { labelFontSize: 11, titleFontSize: 12 },
    text: { fontSize: 11 },
  };
}

/**
 * What every spec builder's spec opens with: the Vega-Lite 5 schema, {@link plotConfig} (with
 * `config` merged over it) and the title with its optional subtitle lines.
 */
export function specHeader(
  title: string,
  subtitle?: string | readonly string[],
  config: Record<string, unknown> = {},
): { $schema: string; config: Record<string, unknown>; title: Record<string, unknown> } {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: { ...plotConfig(), ...config },
    title: {
      text: title,
      ...(subtitle === undefined
        ? {}
        : { subtitle: typeof subtitle === "string" ? subtitle : [...subtitle] }),
    },
  };
}

import { BackpropError, InvalidOptionError } from "@backprop/errors";
import type { VegaLiteSpec } from "@backprop/experiments";
import { FONT_NAME, plotFontFiles } from "./font.js";
import { bundledFontMetrics, useBundledTextMetrics } from "./font-metrics.js";

/**
 * Options of {@link renderPlot} and {@link svgToPng}.
 *
 * @example
 * ```ts
 * import { type RenderOptions, svgToPng } from "@backprop/cli";
 * const options: RenderOptions = { scale: 1, background: "transparent" };
 * console.log((await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', options)).length > 0); // true
 * ```
 */
export interface RenderOptions {
  /** PNG pixels per SVG pixel (default 2, for crisp text on high-density screens and in print). */
  readonly scale?: number;
  /** PNG background, any CSS colour (default `"white"`; `"transparent"` keeps alpha). */
  readonly background?: string;
}

/**
 * A plot rendered both ways.
 *
 * @example
 * ```ts
 * import { confusionMatrixSpec, type RenderedPlot, renderPlot } from "@backprop/cli";
 * const plot: RenderedPlot = await renderPlot(confusionMatrixSpec({ matrix: [[1]] }), { scale: 1 });
 * console.log(plot.svg.includes(`width="${plot.width}"`)); // true
 * ```
 */
export interface RenderedPlot {
  /** Standalone SVG document (text as `<text>` in the bundled font family). */
  readonly svg: string;
  /** PNG file bytes. */
  readonly png: Uint8Array;
  /** PNG width in pixels (the SVG's width times `scale`). */
  readonly width: number;
  /** PNG height in pixels. */
  readonly height: number;
}

/**
 * Compiles a Vega-Lite 5 spec and renders it to an SVG string with Vega 5, headless (no canvas,
 * no DOM, no network: a spec whose data or images point at a URL or a file is rejected; inline
 * `values` and `data:` URIs are fine). Text is measured with the bundled font's metrics, so
 * legends and labels are laid out for the glyphs resvg will draw. Vega and Vega-Lite are loaded
 * on the first call, not on import.
 *
 * @example
 * ```ts
 * import { lossCurveSpec, renderSvg } from "@backprop/cli";
 * const svg = await renderSvg(lossCurveSpec({ points: [{ iteration: 0, loss: 2.3 }, { iteration: 1, loss: 1.2 }] }));
 * console.log(svg.startsWith("<svg"), svg.includes("iteration")); // true true
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vegaLite, metrics] = await Promise.all([
    import("vega"),
    import("vega-lite"),
    bundledFontMetrics(),
  ]);
  useBundledTextMetrics(vega, metrics);
  let compiled: ReturnType<typeof vegaLite.compile>;
  try {
    // The spec's shape is Vega-Lite's to check; it throws on a malformed one.
    compiled = vegaLite.compile(spec as never, { logger: quietLogger(vega) });
  } catch (cause) {
    throw new BackpropError(`renderSvg: not a valid Vega-Lite 5 spec: ${messageOf(cause)}`, {
      code: "BACKPROP_PLOT",
      cause,
    });
  }
  // Plots render offline and reproducibly: anything but an inline `data:` URI (a URL, a file
  // path) is refused. Vega reports a failed load only in its log, so refusals are collected and
  // thrown once the view has run.
  const refused: string[] = [];
  const loader = vega.loader();
  const sanitize = loader.sanitize.bind(loader);
  loader.sanitize = async (uri: string, options: Parameters<typeof sanitize>[1]) => {
    if (!/^data:/i.test(String(uri))) {
      refused.push(String(uri));
      throw new Error(`refused to load ${uri}`);
    }
    return sanitize(uri, options);
  };
  const view = new vega.View(vega.parse(compiled.spec), {
    renderer: "none",
    loader,
    logLevel: vega.None,
  });
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) {
      throw new BackpropError(
        `renderSvg: the spec loads ${refused.join(", ")}; plots embed their data and images (data: URIs)`,
        { code: "BACKPROP_PLOT" },
      );
    }
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG to PNG with resvg, using only the bundled DejaVu Sans files (system fonts are
 * not loaded, so the output is the same on every machine and text is never silently dropped).
 *
 * @example
 * ```ts
 * import { svgToPng } from "@backprop/cli";
 * const png = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>', { scale: 2 });
 * console.log(png.length > 0, Buffer.from(png.subarray(1, 4)).toString()); // true PNG
 * ```
 */
export async function svgToPng(svg: string, options: RenderOptions = {}): Promise<Uint8Array> {
  return (await rasterise(svg, options)).png;
}

/**
 * Renders a Vega-Lite 5 spec to SVG and to PNG (at `scale`× the SVG's size, 2 by default).
 *
 * @example
 * ```ts
 * import { accuracyCurveSpec, renderPlot } from "@backprop/cli";
 * const plot = await renderPlot(accuracyCurveSpec({ points: [
 *   { epoch: 1, split: "train", accuracy: 0.9 }, { epoch: 2, split: "train", accuracy: 0.95 },
 * ] }));
 * console.log(plot.svg.includes("accuracy"), plot.width > 0, plot.height > 0); // true true true
 * ```
 */
export async function renderPlot(
  spec: VegaLiteSpec,
  options: RenderOptions = {},
): Promise<RenderedPlot> {
  const svg = await renderSvg(spec);
  const { png, width, height } = await rasterise(svg, options);
  return { svg, png, width, height };
}

async function rasterise(
  svg: string,
  options: RenderOptions,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const scale = options.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 16)) {
    throw new InvalidOptionError({
      op: "renderPlot",
      option: "scale",
      value: scale,
      expected: "a number in (0, 16]",
    });
  }
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: options.background ?? "white",
    font: {
      loadSystemFonts: false,
      fontFiles: plotFontFiles(),
      defaultFontFamily: FONT_NAME,
      sansSerifFamily: FONT_NAME,
    },
    logLevel: "off",
  });
  const png = image.asPng();
  return {
    png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
    width: image.width,
    height: image.height,
  };
}

/** A Vega-Lite logger that keeps warnings to itself (the specs here are generated). */
function quietLogger(vega: { logger: (level: number) => unknown; Error: number }) {
  return vega.logger(vega.Error) as never;
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

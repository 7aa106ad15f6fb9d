import { PLOT_FONT_FAMILY } from "@backprop/experiments";

/**
 * A value in the report's summary table.
 *
 * @example
 * ```ts
 * import { reportHtml, type SummaryValue } from "@backprop/cli";
 * const value: SummaryValue = 0.123456;
 * console.log(reportHtml({ title: "t", summary: { loss: value }, plots: [] }).includes("<td>0.1235</td>")); // true
 * ```
 */
export type SummaryValue = string | number | boolean | null;

/**
 * A plot as it appears in the report.
 *
 * @example
 * ```ts
 * import { type ReportPlot, reportHtml } from "@backprop/cli";
 * const plot: ReportPlot = { name: "loss", title: "Loss", svg: "<svg></svg>" };
 * console.log(reportHtml({ title: "t", plots: [plot] }).includes('<figure id="loss">')); // true
 * ```
 */
export interface ReportPlot {
  /** File-name stem (also the element id), e.g. `"loss"`. */
  readonly name: string;
  /** Heading above the plot (default: none; the plot's own title usually suffices). */
  readonly title?: string;
  /** The rendered SVG document. */
  readonly svg: string;
}

/**
 * Options of {@link reportHtml}.
 *
 * @example
 * ```ts
 * import { type ReportHtmlOptions, reportHtml } from "@backprop/cli";
 * const options: ReportHtmlOptions = { title: "run 7", subtitle: "seed 7", summary: [["epochs", 3]], plots: [] };
 * console.log(reportHtml(options).includes("<h1>run 7</h1>")); // true
 * ```
 */
export interface ReportHtmlOptions {
  /** Page title and heading, e.g. `"MNIST, 2×100 ReLU, Adam"`. */
  readonly title: string;
  /** Key/value metrics for the summary table, in order (an object or `[key, value]` pairs). */
  readonly summary?:
    | Readonly<Record<string, SummaryValue>>
    | ReadonlyArray<readonly [string, SummaryValue]>;
  /** The plots, in order. */
  readonly plots: readonly ReportPlot[];
  /** A line under the heading (e.g. when and how the run was made). */
  readonly subtitle?: string;
}

/**
 * A self-contained HTML page: the title, a summary table of the metrics and every plot inlined as
 * SVG. It references nothing outside itself (no scripts, stylesheets, fonts or images to fetch),
 * so it opens offline and can be mailed or archived as one file.
 *
 * @example
 * ```ts
 * import { reportHtml } from "@backprop/cli";
 * const html = reportHtml({ title: "run 1", summary: { "test accuracy": 0.9731, epochs: 10 }, plots: [] });
 * console.log(html.includes("<td>0.9731</td>"), /(src|href)="https?:/.test(html)); // true false
 * ```
 */
export function reportHtml(options: ReportHtmlOptions): string {
  const summary = Array.isArray(options.summary)
    ? (options.summary as ReadonlyArray<readonly [string, SummaryValue]>)
    : Object.entries(options.summary ?? {});
  const rows = summary
    .map(
      ([key, value]) =>
        `      <tr><th>${escapeHtml(key)}</th><td>${escapeHtml(formatSummaryValue(value))}</td></tr>`,
    )
    .join("\n");
  const plots = options.plots
    .map((plot) => {
      const heading = plot.title === undefined ? "" : `\n    <h2>${escapeHtml(plot.title)}</h2>`;
      return `  <figure id="${escapeHtml(plot.name)}">${heading}\n    ${stripXmlProlog(plot.svg)}\n  </figure>`;
    })
    .join("\n");
  const subtitle =
    options.subtitle === undefined
      ? ""
      : `\n  <p class="subtitle">${escapeHtml(options.subtitle)}</p>`;
  const table =
    summary.length === 0
      ? ""
      : `\n  <table class="summary">\n    <tbody>\n${rows}\n    </tbody>\n  </table>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(options.title)}</title>
  <style>
    body { font-family: ${PLOT_FONT_FAMILY}; color: #222; background: #fff; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
    h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
    h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
    .subtitle { color: #666; margin: 0 0 1rem; }
    table.summary { border-collapse: collapse; margin: 1rem 0 2rem; }
    table.summary th, table.summary td { text-align: left; padding: 0.3rem 1.2rem 0.3rem 0; border-bottom: 1px solid #e6e6e6; }
    table.summary th { font-weight: normal; color: #555; }
    table.summary td { font-variant-numeric: tabular-nums; }
    figure { margin: 0 0 2rem; overflow-x: auto; }
    figure svg { max-width: 100%; height: auto; }
  </style>
</head>
<body>
  <h1>${escapeHtml(options.title)}</h1>${subtitle}${table}
${plots}
</body>
</html>
`;
}

/** Numbers to at most 4 significant digits past the integer part; others as text. */
function formatSummaryValue(value: SummaryValue): string {
  if (typeof value === "number") {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    return String(
      Number(value.toPrecision(Math.max(4, Math.ceil(Math.log10(Math.abs(value))) + 3))),
    );
  }
  return value === null ? "—" : String(value);
}

function stripXmlProlog(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, "").replace(/^\s*<!DOCTYPE[^>]*>\s*/i, "");
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

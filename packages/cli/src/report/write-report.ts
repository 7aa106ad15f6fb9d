import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InvalidOptionError } from "@backprop/errors";
import type { VegaLiteSpec } from "@backprop/experiments";
import { type RenderOptions, renderPlot } from "../plots/render.js";
import { reportHtml, type SummaryValue } from "./report-html.js";

/**
 * A plot to render into the report.
 *
 * @example
 * ```ts
 * import { confusionMatrixSpec, type ReportPlotSpec } from "@backprop/cli";
 * const plot: ReportPlotSpec = { name: "confusion", title: "Test set", spec: confusionMatrixSpec({ matrix: [[1]] }) };
 * console.log(plot.name); // confusion
 * ```
 */
export interface ReportPlotSpec {
  /** File-name stem: letters, digits, `-`, `_`, `.`; `{name}.svg` and `{name}.png` are written. */
  readonly name: string;
  /** Heading above the plot in report.html (default: none). */
  readonly title?: string;
  /** The Vega-Lite spec (from `lossCurveSpec`, `confusionMatrixSpec`, … or your own). */
  readonly spec: VegaLiteSpec;
}

/**
 * Options of {@link writeReport}.
 *
 * @example
 * ```ts
 * import type { WriteReportOptions } from "@backprop/cli";
 * const options: WriteReportOptions = { dir: "out", title: "run", plots: [], render: { scale: 1 } };
 * console.log(options.plots.length); // 0
 * ```
 */
export interface WriteReportOptions {
  /** Output directory (created if missing; files of the same names are replaced). */
  readonly dir: string;
  /** Report title. */
  readonly title: string;
  /** A line under the title. */
  readonly subtitle?: string;
  /** Metrics for the summary table. */
  readonly summary?:
    | Readonly<Record<string, SummaryValue>>
    | ReadonlyArray<readonly [string, SummaryValue]>;
  /** The plots, in order. */
  readonly plots: readonly ReportPlotSpec[];
  /** PNG options (scale 2 by default). */
  readonly render?: RenderOptions;
}

/**
 * What {@link writeReport} wrote.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { writeReport, type WrittenReport } from "@backprop/cli";
 * const written: WrittenReport = await writeReport({ dir: mkdtempSync(join(tmpdir(), "r-")), title: "empty", plots: [] });
 * console.log(written.files.length, written.html.endsWith("report.html")); // 1 true
 * ```
 */
export interface WrittenReport {
  /** Absolute path of report.html. */
  readonly html: string;
  /** Absolute paths of every file written, report.html last. */
  readonly files: readonly string[];
}

/**
 * Renders every plot and writes `{name}.svg`, `{name}.png` and `report.html` into `dir`. Each
 * file is written to a temporary name in the same directory and renamed into place, so a reader
 * (or a crash) never sees half a file; report.html is written last, once its plots exist.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { lossCurveSpec, writeReport } from "@backprop/cli";
 * const dir = mkdtempSync(join(tmpdir(), "report-"));
 * const { files } = await writeReport({ dir, title: "run 1", summary: { epochs: 1 }, plots: [
 *   { name: "loss", spec: lossCurveSpec({ points: [{ iteration: 0, loss: 2.3 }, { iteration: 1, loss: 1.2 }] }) },
 * ] });
 * console.log(files.map((f) => f.slice(dir.length + 1)).join(" ")); // loss.svg loss.png report.html
 * ```
 */
export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
  const seen = new Set<string>();
  for (const plot of options.plots) {
    if (typeof plot.name !== "string" || !safeName.test(plot.name) || plot.name === "report") {
      throw new InvalidOptionError({
        op: "writeReport",
        option: "plots[].name",
        value: plot.name,
        expected: 'a file-name stem of letters, digits, "-", "_" and "." (not "report")',
      });
    }
    if (seen.has(plot.name)) {
      throw new InvalidOptionError({
        op: "writeReport",
        option: "plots[].name",
        value: plot.name,
        expected: "distinct names",
      });
    }
    seen.add(plot.name);
  }
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const rendered: Array<{ name: string; title?: string; svg: string }> = [];
  for (const plot of options.plots) {
    const { svg, png } = await renderPlot(plot.spec, options.render);
    files.push(await writeAtomic(join(dir, `${plot.name}.svg`), svg));
    files.push(await writeAtomic(join(dir, `${plot.name}.png`), png));
    rendered.push(
      plot.title === undefined
        ? { name: plot.name, svg }
        : { name: plot.name, title: plot.title, svg },
    );
  }
  const html = reportHtml({
    title: options.title,
    plots: rendered,
    ...(options.summary === undefined ? {} : { summary: options.summary }),
    ...(options.subtitle === undefined ? {} : { subtitle: options.subtitle }),
  });
  const htmlPath = await writeAtomic(join(dir, "report.html"), html);
  files.push(htmlPath);
  return { html: htmlPath, files };
}

/** Writes `data` to a temporary file beside `file`, then renames it over `file`. */
async function writeAtomic(file: string, data: string | Uint8Array): Promise<string> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
  return file;
}

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accuracyCurveSpec, lossCurveSpec, renderPlot, writeReport } from "@backprop/cli";
import type { ExampleOutput } from "./output.js";

/**
 * The CLI's report layer on its own: Vega-Lite specs rendered to SVG and PNG in plain Node (no
 * browser, no canvas, no network) and a self-contained report.html.
 */
export async function run(
  out: ExampleOutput,
  dir = mkdtempSync(join(tmpdir(), "report-")),
): Promise<readonly string[]> {
  const loss = lossCurveSpec({
    points: [2.3, 1.4, 0.9, 0.7, 0.55, 0.5].map((l, i) => ({ iteration: i * 100, loss: l })),
    smoothing: 3,
  });
  const plot = await renderPlot(loss); // { svg, png, width, height }: the PNG at 2× the SVG's size
  out.log(
    `loss plot: SVG ${plot.width}×${plot.height}, PNG ${plot.png.length > 0 ? "rendered" : "empty"}`,
  );
  out.plot("loss", loss); // the same spec draws in a page with vega-embed

  const accuracy = accuracyCurveSpec({
    points: [
      { epoch: 1, split: "train", accuracy: 0.95 },
      { epoch: 1, split: "validation", accuracy: 0.94 },
      { epoch: 2, split: "train", accuracy: 0.97 },
      { epoch: 2, split: "validation", accuracy: 0.96 },
    ],
  });
  const { files } = await writeReport({
    dir,
    title: "MNIST, 784-100-10, SGD",
    summary: { "test accuracy": 0.9731, epochs: 2 },
    plots: [
      { name: "loss", spec: loss },
      { name: "accuracy", spec: accuracy },
    ],
  });
  const names = files.map((f) => f.slice(dir.length + 1));
  out.log(`wrote ${names.join(" ")}`);
  return files;
}

import {
  accuracyCurveSpec,
  confusionMatrixSpec,
  lossCurveSpec,
  misclassifiedDigitsSpec,
  renderPlot,
  renderSvg,
  svgToPng,
} from "@backprop/cli";
import { BackpropError, InvalidOptionError } from "@backprop/errors";
import { PLOT_FONT_FAMILY, type VegaLiteSpec } from "@backprop/experiments";
import { describe, expect, it } from "vitest";
import { decodePng, difference, nonWhitePixels, ringDigit, sequence } from "./support.js";

const next = sequence(7);
const losses = Array.from({ length: 300 }, (_, i) => ({
  iteration: i,
  loss: 0.1 + 2.2 * Math.exp(-i / 60) + 0.1 * (next() - 0.5),
}));
const accuracies = [1, 2, 3, 4, 5].flatMap((epoch) => [
  { epoch, split: "train", accuracy: 1 - 0.1 / epoch },
  { epoch, split: "validation", accuracy: 0.98 - 0.1 / epoch },
]);
const matrix = Array.from({ length: 10 }, (_, t) =>
  Array.from({ length: 10 }, (_, p) => (t === p ? 950 + t : (t * 7 + p * 3) % 11 === 0 ? 12 : 0)),
);
const digits = Array.from({ length: 10 }, (_, k) => ({
  pixels: ringDigit(),
  trueLabel: k,
  predictedLabel: (k + 3) % 10,
}));

const cases: Array<{ name: string; spec: VegaLiteSpec; texts: string[] }> = [
  {
    name: "loss curve",
    spec: lossCurveSpec({ points: losses }),
    texts: ["Training loss", "iteration", "loss"],
  },
  {
    name: "smoothed loss curve",
    spec: lossCurveSpec({ points: losses, smoothing: 25, yScale: "log" }),
    texts: ["iteration", "loss", "moving average (25)", "per iteration"],
  },
  {
    name: "accuracy curve",
    spec: accuracyCurveSpec({ points: accuracies }),
    texts: ["Accuracy per epoch", "epoch", "accuracy", "train", "validation"],
  },
  {
    name: "confusion matrix",
    spec: confusionMatrixSpec({ matrix }),
    texts: ["Confusion matrix", "true label", "predicted label", "950", "959"],
  },
  {
    name: "misclassified digits",
    spec: misclassifiedDigitsSpec({ digits, columns: 5 }),
    texts: ["Misclassified digits", "true 3 → pred 6", "true 9 → pred 2"],
  },
];

describe.each(cases)("$name", ({ spec, texts }) => {
  it("renders to an SVG that holds its titles as text in the bundled font", async () => {
    const svg = await renderSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of texts) expect(svg).toContain(`>${text}</text>`);
    expect(svg).toContain(`font-family="${PLOT_FONT_FAMILY}"`);
    expect(svg).not.toMatch(/(href|src)="https?:/);
  });

  it("renders to a 2× PNG of the SVG's size with content on it", async () => {
    const plot = await renderPlot(spec);
    const width = Number(/width="(\d+(?:\.\d+)?)"/.exec(plot.svg)![1]);
    const height = Number(/height="(\d+(?:\.\d+)?)"/.exec(plot.svg)![1]);
    const image = decodePng(plot.png);
    expect([image.width, image.height]).toEqual([Math.round(2 * width), Math.round(2 * height)]);
    expect([plot.width, plot.height]).toEqual([image.width, image.height]);
    // Far more than a frame: lines, cells or digits, and text.
    expect(nonWhitePixels(image)).toBeGreaterThan(0.02 * image.width * image.height);
  });
});

describe("text in the PNG", () => {
  // Same layout, the axis title drawn or made invisible: the pixels that differ are the title's
  // glyphs. Were no font loaded, resvg would silently draw no text and the two would be equal.
  async function withTitleColor(color: string) {
    const spec = lossCurveSpec({ points: losses, title: "Loss" }) as Record<string, unknown>;
    const config = spec.config as Record<string, Record<string, unknown>>;
    return decodePng(
      (
        await renderPlot({
          ...spec,
          config: { ...config, axis: { ...config.axis, titleColor: color } },
        })
      ).png,
    );
  }

  it("draws the axis titles (glyph pixels under the x axis and left of the y axis)", async () => {
    const shown = await withTitleColor("#000000");
    const hidden = await withTitleColor("#ffffff");
    const diff = difference(shown, hidden);
    // "iteration" and "loss" at 12 px, 2×: a few hundred dark pixels at least.
    expect(diff.count).toBeGreaterThan(300);
    // All of it in the title bands: the bottom strip (x title) and the left strip (y title).
    expect(diff.bottom).toBeGreaterThan(0.9 * shown.height);
    expect(diff.left).toBeLessThan(0.1 * shown.width);
  });

  it("draws text in DejaVu Sans whatever the SVG asks for (no system fonts are used)", async () => {
    const svg = (family: string, text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="28" font-size="24" font-family="${family}">${text}</text></svg>`;
    const blank = decodePng(await svgToPng(svg("DejaVu Sans", "")));
    const dejavu = decodePng(await svgToPng(svg("DejaVu Sans", "Hello")));
    const unknown = decodePng(await svgToPng(svg("No Such Font", "Hello")));
    expect(difference(blank, dejavu).count).toBeGreaterThan(200);
    expect(difference(dejavu, unknown).count).toBe(0);
  });
});

describe("render options and failures", () => {
  it("scales the PNG", async () => {
    const spec = accuracyCurveSpec({ points: accuracies });
    const one = await renderPlot(spec, { scale: 1 });
    const three = await renderPlot(spec, { scale: 3 });
    expect(three.width).toBe(3 * one.width);
    expect(three.height).toBe(3 * one.height);
  });

  it("rejects a bad scale", async () => {
    await expect(svgToPng("<svg/>", { scale: 0 })).rejects.toSatisfy((e) =>
      InvalidOptionError.isInstance(e),
    );
  });

  it("rejects a malformed spec with a BackpropError", async () => {
    await expect(renderSvg({ mark: "no-such-mark" })).rejects.toSatisfy(
      (e) =>
        BackpropError.isInstance(e) && /not a valid Vega-Lite 5 spec/.test((e as Error).message),
    );
  });

  it("never fetches: a spec with a data URL fails instead of going to the network", async () => {
    const spec = {
      data: { url: "https://example.invalid/data.json" },
      mark: "point",
      encoding: { x: { field: "a", type: "quantitative" } },
    };
    await expect(renderSvg(spec)).rejects.toThrow(
      /loads https:\/\/example.invalid\/data.json; plots embed/,
    );
  });
});

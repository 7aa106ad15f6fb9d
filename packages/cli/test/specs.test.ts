import {
  accuracyCurveSpec,
  confusionMatrixSpec,
  lossCurveSpec,
  misclassifiedDigitsSpec,
  renderSvg,
} from "@backprop/cli";
import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { plotConfig } from "@backprop/experiments";
import { describe, expect, it } from "vitest";
import { decodePng, ringDigit } from "./support.js";

/** The error `f` throws (failing the test when it throws none). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return expect.unreachable("expected a throw");
}

describe("lossCurveSpec", () => {
  const points = [3, 1, 0, 2].map((iteration) => ({ iteration, loss: 2 - iteration / 4 }));

  it("draws one raw line, sorted by iteration, in the shared config", () => {
    const spec = lossCurveSpec({ points });
    expect(
      (spec.data as { values: Array<{ iteration: number }> }).values.map((v) => v.iteration),
    ).toEqual([0, 1, 2, 3]);
    expect(spec.layer).toHaveLength(1);
    expect(spec.config).toEqual(plotConfig());
  });

  it("adds a centred moving average with a legend", async () => {
    const spec = lossCurveSpec({ points, smoothing: 3 });
    expect(spec.layer).toHaveLength(2);
    const smooth = (spec.layer as Array<{ transform?: Array<{ frame: number[] }> }>)[1]!;
    expect(smooth.transform![0]!.frame).toEqual([-1, 1]);
    expect(await renderSvg(spec)).toContain(">moving average (3)</text>");
  });

  it("leaves out non-finite losses and says how many", async () => {
    const spec = lossCurveSpec({
      points: [...points, { iteration: 4, loss: Number.NaN }, { iteration: 5, loss: Infinity }],
    });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(4);
    expect(await renderSvg(spec)).toContain("2 non-finite loss value(s) not shown");
  });

  it("rejects bad options", () => {
    expect(() => lossCurveSpec({ points, smoothing: 0 })).toThrow(
      "Option 'smoothing' of 'lossCurveSpec' must be an integer >= 1; got 0",
    );
    const e = thrown(() => lossCurveSpec({ points: [{ iteration: Number.NaN, loss: 1 }] }));
    expect(InvalidOptionError.isInstance(e)).toBe(true);
    expect(() => lossCurveSpec({ points, yScale: "sqrt" as "log" })).toThrow(/yScale/);
  });
});

describe("accuracyCurveSpec", () => {
  it("keeps splits in order of first appearance and shows percentages", async () => {
    const spec = accuracyCurveSpec({
      points: [
        { epoch: 2, split: "validation", accuracy: 0.9 },
        { epoch: 1, split: "validation", accuracy: 0.8 },
        { epoch: 1, split: "train", accuracy: 0.85 },
      ],
    });
    const color = (spec.encoding as { color: { scale: { domain: string[] } } }).color;
    expect(color.scale.domain).toEqual(["validation", "train"]);
    expect(await renderSvg(spec)).toMatch(/>\d+(\.\d)?%<\/text>/);
  });

  it("rejects accuracies outside [0, 1]", () => {
    expect(() => accuracyCurveSpec({ points: [{ epoch: 1, split: "t", accuracy: 97 }] })).toThrow(
      /must be a fraction in \[0, 1\]; got 97/,
    );
  });
});

describe("confusionMatrixSpec", () => {
  it("has one cell per pair, the accuracy in the subtitle, and white text on dark cells", async () => {
    const spec = confusionMatrixSpec({
      matrix: [
        [8, 2],
        [0, 10],
      ],
      labels: ["no", "yes"],
    });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(4);
    const svg = await renderSvg(spec);
    expect(svg).toContain("20 examples · accuracy 90.00%");
    expect(svg).toMatch(/fill="white"[^>]*>10<\/text>/);
    expect(svg).toMatch(/fill="#333333"[^>]*>0<\/text>/);
  });

  it("rejects a non-square matrix, wrong labels and negative counts", () => {
    for (const bad of [
      () => confusionMatrixSpec({ matrix: [[1, 2], [3]] }),
      () => confusionMatrixSpec({ matrix: [] }),
      () => confusionMatrixSpec({ matrix: [[1]], labels: ["a", "b"] }),
    ]) {
      expect(ShapeError.isInstance(thrown(bad))).toBe(true);
    }
    expect((thrown(() => confusionMatrixSpec({ matrix: [[1, 2], [3]] })) as Error).message).toBe(
      "Argument 'matrix[1]' passed to 'confusionMatrixSpec' must have shape 2 counts (a square matrix); got [1]",
    );
    expect(() => confusionMatrixSpec({ matrix: [[-1]] })).toThrow(/matrix\[0\]\[0\]/);
    expect(() =>
      confusionMatrixSpec({
        matrix: [
          [1, 0],
          [0, 1],
        ],
        labels: ["a", "a"],
      }),
    ).toThrow(/distinct/);
  });
});

describe("misclassifiedDigitsSpec", () => {
  it("embeds each digit as a 28×28 grayscale PNG, dark ink on white by default", () => {
    const spec = misclassifiedDigitsSpec({
      digits: [{ pixels: ringDigit(), trueLabel: 4, predictedLabel: 9, probability: 0.87 }],
    });
    const [value] = (spec.data as { values: Array<{ caption: string; url: string }> }).values;
    expect(value!.caption).toBe("true 4 → pred 9 (87%)");
    const image = decodePng(
      Buffer.from(value!.url.replace(/^data:image\/png;base64,/, ""), "base64"),
    );
    expect([image.width, image.height]).toEqual([28, 28]);
    // The ring's centre is background (white), its stroke ink (dark).
    const at = (x: number, y: number) => image.data[4 * (y * 28 + x)]!;
    expect(at(13, 13)).toBe(255);
    expect(at(0, 0)).toBe(255);
    expect(at(13 + 7, 13)).toBeLessThan(80);
  });

  it("can show digits as MNIST stores them (light on dark)", () => {
    const spec = misclassifiedDigitsSpec({
      digits: [{ pixels: ringDigit(), trueLabel: 4, predictedLabel: 9 }],
      ink: "light",
    });
    const url = (spec.data as { values: Array<{ url: string }> }).values[0]!.url;
    const image = decodePng(Buffer.from(url.split(",")[1]!, "base64"));
    expect(image.data[0]).toBe(0);
  });

  it("lays digits out in rows of `columns`", () => {
    const digits = Array.from({ length: 7 }, () => ({
      pixels: ringDigit(),
      trueLabel: 1,
      predictedLabel: 7,
    }));
    const spec = misclassifiedDigitsSpec({ digits, columns: 3 });
    const values = (spec.data as { values: Array<{ top: number }> }).values;
    expect(new Set(values.map((v) => v.top)).size).toBe(3);
  });

  it("rejects a digit that is not 784 finite values", () => {
    expect(() =>
      misclassifiedDigitsSpec({
        digits: [{ pixels: new Float32Array(100), trueLabel: 1, predictedLabel: 2 }],
      }),
    ).toThrow(
      "Argument 'digits[0].pixels' passed to 'misclassifiedDigitsSpec' must have shape 784 intensities (28×28); got [100]",
    );
    const pixels = new Float32Array(784);
    pixels[5] = Number.NaN;
    expect(() =>
      misclassifiedDigitsSpec({ digits: [{ pixels, trueLabel: 1, predictedLabel: 2 }] }),
    ).toThrow(/digits\[0\]\.pixels\[5\]/);
  });
});

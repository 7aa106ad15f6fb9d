import { InvalidOptionError, ShapeError } from "@backprop/errors";
import type { VegaLiteSpec } from "@backprop/experiments";
import { plotConfig } from "@backprop/experiments";
import { PNG } from "pngjs";
import { optionalInteger, requireArray } from "./validate.js";

/**
 * A digit the model got wrong.
 *
 * @example
 * ```ts
 * import type { MisclassifiedDigit } from "@backprop/cli";
 * const digit: MisclassifiedDigit = { pixels: new Float32Array(784), trueLabel: 4, predictedLabel: 9, probability: 0.8 };
 * console.log(digit.pixels.length); // 784
 * ```
 */
export interface MisclassifiedDigit {
  /** 28×28 = 784 intensities in [0, 1], row-major, ink = 1 (MNIST's white-on-black). */
  readonly pixels: ArrayLike<number>;
  /** The true class. */
  readonly trueLabel: number | string;
  /** The predicted class. */
  readonly predictedLabel: number | string;
  /** The model's probability of the predicted class, shown as a percentage when given. */
  readonly probability?: number;
}

/**
 * Options of {@link misclassifiedDigitsSpec}.
 *
 * @example
 * ```ts
 * import { type MisclassifiedDigitsOptions, misclassifiedDigitsSpec } from "@backprop/cli";
 * const options: MisclassifiedDigitsOptions = { digits: [], title: "Errors on the test set" };
 * console.log((misclassifiedDigitsSpec(options).title as { subtitle: string }).subtitle); // 0 shown
 * ```
 */
export interface MisclassifiedDigitsOptions {
  /** The digits, in the order to show them. */
  readonly digits: readonly MisclassifiedDigit[];
  /** Digits per row (default: up to 8). */
  readonly columns?: number;
  /** Screen pixels per image pixel (default 3: each digit 84×84). */
  readonly pixelSize?: number;
  /** `"dark"` (default): dark ink on white, like the report's paper; `"light"`: as MNIST stores it. */
  readonly ink?: "dark" | "light";
  /** Plot title (default `"Misclassified digits"`). */
  readonly title?: string;
  /** Line under the title (default: how many digits are shown). */
  readonly subtitle?: string;
}

const SIDE = 28;
const CAPTION = 18;
/** Height of a caption's second line (long class names are captioned on two lines). */
const SECOND_LINE = 14;
/** Captions longer than this many characters are split into "true X" / "pred Y (p%)". */
const ONE_LINE = 24;
const CAPTION_FONT = 11;
const GAP = 14;

/**
 * Small multiples of misclassified digits in a grid, each a grayscale 28×28 image captioned
 * "true 3 → pred 5". Every digit is embedded as a PNG data URI in a Vega-Lite `image` mark drawn
 * with `image-rendering: pixelated`, so the SVG stays small (one image, not 784 rectangles, per
 * digit) and resvg and browsers show the real pixels.
 *
 * @example
 * ```ts
 * import { misclassifiedDigitsSpec } from "@backprop/cli";
 * const spec = misclassifiedDigitsSpec({ digits: [{ pixels: new Float32Array(784), trueLabel: 3, predictedLabel: 5 }] });
 * console.log((spec.data as { values: Array<{ caption: string }> }).values[0]!.caption); // true 3 → pred 5
 * ```
 */
export function misclassifiedDigitsSpec(options: MisclassifiedDigitsOptions): VegaLiteSpec {
  const op = "misclassifiedDigitsSpec";
  const digits = requireArray(op, "digits", options.digits);
  const pixelSize = optionalInteger(op, "pixelSize", options.pixelSize, 1) ?? 3;
  const columns =
    optionalInteger(op, "columns", options.columns, 1) ?? Math.max(1, Math.min(8, digits.length));
  const ink = options.ink ?? "dark";
  if (ink !== "dark" && ink !== "light") {
    throw new InvalidOptionError({ op, option: "ink", value: ink, expected: '"dark" or "light"' });
  }
  const side = SIDE * pixelSize;
  const captions = digits.map(
    (digit) =>
      `true ${digit.trueLabel} → pred ${digit.predictedLabel}` +
      (digit.probability === undefined ? "" : ` (${Math.round(100 * digit.probability)}%)`),
  );
  // Long class names ("T-shirt/top → pred Ankle boot") go on two lines, so the grid stays compact.
  const twoLines = captions.some((c) => c.length > ONE_LINE);
  const lines = captions.map((c) => (twoLines ? c.split(" → ") : [c]));
  if (twoLines) for (const l of lines) if (l.length === 2) l[1] = `→ ${l[1]}`;
  // DejaVu Sans averages under 0.6 em per character on these captions; leave a margin.
  const longest = lines.flat().reduce((m, c) => Math.max(m, c.length), 0);
  const captionHeight = CAPTION + (twoLines ? SECOND_LINE : 0);
  const cellWidth = Math.max(side + 8, Math.ceil(0.6 * CAPTION_FONT * longest) + 12);
  const cellHeight = captionHeight + side + GAP;
  const rows = Math.max(1, Math.ceil(digits.length / columns));
  const values = digits.map((digit, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const left = column * cellWidth + (cellWidth - side) / 2;
    const top = row * cellHeight + captionHeight;
    return {
      index,
      caption: captions[index]!,
      lines: lines[index]!,
      url: digitDataUri(digit.pixels, ink, `digits[${index}].pixels`),
      left,
      top,
      right: left + side,
      bottom: top + side,
      center: column * cellWidth + cellWidth / 2,
      captionTop: row * cellHeight + 1,
    };
  });
  // A plain grid placed by pixel positions (scale: null) rather than a wrapped facet: Vega-Lite
  // gives every wrapped-facet cell a title with the facet value, which nothing here needs.
  const px = (field: string, axis: "x" | "y") => ({
    [axis]: { field, type: "quantitative", scale: null },
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: plotConfig(),
    title: {
      text: options.title ?? "Misclassified digits",
      subtitle: options.subtitle ?? `${digits.length} shown`,
    },
    width: columns * cellWidth,
    height: rows * cellHeight - GAP,
    data: { values },
    layer: [
      {
        mark: {
          type: "image",
          smooth: false,
          aspect: false,
          align: "left",
          baseline: "top",
          width: side,
          height: side,
        },
        encoding: { url: { field: "url", type: "nominal" }, ...px("left", "x"), ...px("top", "y") },
      },
      {
        mark: { type: "rect", fill: null, stroke: "#bbbbbb", strokeWidth: 1 },
        encoding: {
          ...px("left", "x"),
          ...px("top", "y"),
          x2: { field: "right" },
          y2: { field: "bottom" },
        },
      },
      {
        mark: {
          type: "text",
          align: "center",
          baseline: "top",
          fontSize: CAPTION_FONT,
          lineHeight: SECOND_LINE,
          color: "#222222",
        },
        encoding: {
          text: { field: "lines", type: "nominal" },
          ...px("center", "x"),
          ...px("captionTop", "y"),
        },
      },
    ],
  };
}

/** A 28×28 grayscale PNG of the digit as a `data:` URI. */
function digitDataUri(pixels: ArrayLike<number>, ink: "dark" | "light", argument: string): string {
  if (pixels === null || typeof pixels !== "object" || pixels.length !== SIDE * SIDE) {
    throw new ShapeError({
      op: "misclassifiedDigitsSpec",
      argument,
      expected: "784 intensities (28×28)",
      actual: [pixels?.length ?? 0],
    });
  }
  const png = new PNG({ width: SIDE, height: SIDE });
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = pixels[i]!;
    if (!Number.isFinite(v)) {
      throw new InvalidOptionError({
        op: "misclassifiedDigitsSpec",
        option: `${argument}[${i}]`,
        value: v,
        expected: "a finite intensity in [0, 1]",
      });
    }
    const level = Math.round(255 * Math.min(1, Math.max(0, v)));
    const gray = ink === "dark" ? 255 - level : level;
    png.data[4 * i] = gray;
    png.data[4 * i + 1] = gray;
    png.data[4 * i + 2] = gray;
    png.data[4 * i + 3] = 255;
  }
  const bytes = PNG.sync.write(png, { colorType: 0 });
  return `data:image/png;base64,${bytes.toString("base64")}`;
}

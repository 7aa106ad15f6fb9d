import { InvalidOptionError } from "@backprop/errors";
import type { VegaLiteSpec } from "@backprop/experiments";
import { PLOT_COLORS, plotConfig } from "@backprop/experiments";
import { requireArray, requireFinite } from "./validate.js";

/**
 * The accuracy on one split after one epoch.
 *
 * @example
 * ```ts
 * import type { AccuracyPoint } from "@backprop/cli";
 * const point: AccuracyPoint = { epoch: 3, split: "validation", accuracy: 0.972 };
 * console.log(point.split); // validation
 * ```
 */
export interface AccuracyPoint {
  /** Epoch number (1 = after the first pass). */
  readonly epoch: number;
  /** Which data: `"train"`, `"validation"`, `"test"`, or any name. */
  readonly split: string;
  /** Fraction correct, in [0, 1]. */
  readonly accuracy: number;
}

/**
 * Options of {@link accuracyCurveSpec}.
 *
 * @example
 * ```ts
 * import { type AccuracyCurveOptions, accuracyCurveSpec } from "@backprop/cli";
 * const options: AccuracyCurveOptions = { points: [{ epoch: 1, split: "test", accuracy: 0.9 }], title: "Test accuracy" };
 * console.log((accuracyCurveSpec(options).title as { text: string }).text); // Test accuracy
 * ```
 */
export interface AccuracyCurveOptions {
  /** The measurements; one line per distinct `split`, in order of first appearance. */
  readonly points: readonly AccuracyPoint[];
  /** Plot title (default `"Accuracy per epoch"`). */
  readonly title?: string;
  /** Plot-area width in pixels (default 480). */
  readonly width?: number;
  /** Plot-area height in pixels (default 260). */
  readonly height?: number;
}

/** Colours of the first splits (then Tableau 10 continues). */
const SPLIT_COLORS = [PLOT_COLORS.primary, PLOT_COLORS.secondary, "#54a24b", "#e45756", "#72b7b2"];

/**
 * Lines with points of the accuracy per epoch, one line per split (train, validation, …) with a
 * legend; the axis shows percentages and zooms to the data (accuracy curves live near the top).
 *
 * @example
 * ```ts
 * import { accuracyCurveSpec } from "@backprop/cli";
 * const spec = accuracyCurveSpec({ points: [
 *   { epoch: 1, split: "train", accuracy: 0.91 }, { epoch: 1, split: "validation", accuracy: 0.9 },
 * ] });
 * console.log(JSON.stringify((spec.encoding as any).color.scale.domain)); // ["train","validation"]
 * ```
 */
export function accuracyCurveSpec(options: AccuracyCurveOptions): VegaLiteSpec {
  const op = "accuracyCurveSpec";
  const points = requireArray(op, "points", options.points);
  const splits: string[] = [];
  const values = points.map((p) => {
    const accuracy = requireFinite(op, "points[].accuracy", p.accuracy);
    if (accuracy < 0 || accuracy > 1) {
      throw new InvalidOptionError({
        op,
        option: "points[].accuracy",
        value: accuracy,
        expected: "a fraction in [0, 1]",
      });
    }
    if (typeof p.split !== "string") {
      throw new InvalidOptionError({
        op,
        option: "points[].split",
        value: p.split,
        expected: "a string",
      });
    }
    if (!splits.includes(p.split)) splits.push(p.split);
    return { epoch: requireFinite(op, "points[].epoch", p.epoch), split: p.split, accuracy };
  });
  values.sort((a, b) => a.epoch - b.epoch);
  const range = splits.map((_, i) => SPLIT_COLORS[i % SPLIT_COLORS.length]!);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: plotConfig(),
    title: { text: options.title ?? "Accuracy per epoch" },
    width: options.width ?? 480,
    height: options.height ?? 260,
    data: { values },
    mark: { type: "line", point: { size: 45, filled: true }, strokeWidth: 2 },
    encoding: {
      x: {
        field: "epoch",
        type: "quantitative",
        title: "epoch",
        axis: { tickMinStep: 1, format: "d" },
        scale: { nice: false },
      },
      y: {
        field: "accuracy",
        type: "quantitative",
        title: "accuracy",
        axis: { format: ".1~%" },
        scale: { zero: false, nice: true },
      },
      color: {
        field: "split",
        type: "nominal",
        title: null,
        sort: splits,
        scale: { domain: splits, range },
        legend: { orient: "bottom-right", fillColor: "white", padding: 4, symbolType: "stroke" },
      },
    },
  };
}

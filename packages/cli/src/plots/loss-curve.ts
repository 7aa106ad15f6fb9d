import { InvalidOptionError } from "@backprop/errors";
import type { VegaLiteSpec } from "@backprop/experiments";
import { PLOT_COLORS, plotConfig } from "@backprop/experiments";
import { optionalInteger, requireArray, requireFinite } from "./validate.js";

/**
 * One training-loss measurement.
 *
 * @example
 * ```ts
 * import type { LossPoint } from "@backprop/cli";
 * const point: LossPoint = { iteration: 100, loss: 0.42 };
 * console.log(point.loss); // 0.42
 * ```
 */
export interface LossPoint {
  /** Mini-batch iteration (0-based or 1-based, as the trainer counts). */
  readonly iteration: number;
  /** The loss at that iteration; non-finite values (a diverged run) are left out and counted. */
  readonly loss: number;
}

/**
 * Options of {@link lossCurveSpec}.
 *
 * @example
 * ```ts
 * import { type LossCurveOptions, lossCurveSpec } from "@backprop/cli";
 * const options: LossCurveOptions = { points: [{ iteration: 0, loss: 1 }], yScale: "log", width: 300 };
 * console.log(lossCurveSpec(options).width); // 300
 * ```
 */
export interface LossCurveOptions {
  /** The measurements, in any order. */
  readonly points: readonly LossPoint[];
  /**
   * Window of a centred moving average drawn over the raw curve (e.g. 50 iterations: the mean of
   * the 50 measurements around each one, fewer at the ends), which then is drawn faint. Centred,
   * not trailing, so the smooth line does not lag behind the raw one. Omitted or 1: raw only.
   */
  readonly smoothing?: number;
  /** `"log"` for a log-scaled loss axis (default `"linear"`). */
  readonly yScale?: "linear" | "log";
  /** Plot title (default `"Training loss"`). */
  readonly title?: string;
  /** Plot-area width in pixels (default 480). */
  readonly width?: number;
  /** Plot-area height in pixels (default 260). */
  readonly height?: number;
}

/**
 * A line chart of the training loss per iteration, optionally with a centred moving average
 * (computed by the spec's `window` transform, so the data stays the raw measurements).
 *
 * @example
 * ```ts
 * import { lossCurveSpec } from "@backprop/cli";
 * const spec = lossCurveSpec({ points: [{ iteration: 0, loss: 2.3 }, { iteration: 1, loss: 1.9 }], smoothing: 2 });
 * console.log((spec.layer as unknown[]).length); // 2
 * ```
 */
export function lossCurveSpec(options: LossCurveOptions): VegaLiteSpec {
  const op = "lossCurveSpec";
  const points = requireArray(op, "points", options.points);
  const smoothing = optionalInteger(op, "smoothing", options.smoothing, 1) ?? 1;
  const yScale = options.yScale ?? "linear";
  if (yScale !== "linear" && yScale !== "log") {
    throw new InvalidOptionError({
      op,
      option: "yScale",
      value: yScale,
      expected: '"linear" or "log"',
    });
  }
  const values: Array<{ iteration: number; loss: number }> = [];
  let dropped = 0;
  for (const p of points) {
    const iteration = requireFinite(op, "points[].iteration", p.iteration);
    const ok = Number.isFinite(p.loss) && (yScale === "linear" || p.loss > 0);
    if (ok) values.push({ iteration, loss: p.loss });
    else dropped++;
  }
  values.sort((a, b) => a.iteration - b.iteration);

  const x = {
    field: "iteration",
    type: "quantitative",
    title: "iteration",
    axis: { format: ",d", tickMinStep: 1 },
    scale: { nice: false },
  };
  const y = {
    field: "loss",
    type: "quantitative",
    title: "loss",
    scale: yScale === "log" ? { type: "log", nice: false } : { zero: true },
  };
  const raw = "per iteration";
  const smooth = `moving average (${smoothing})`;
  const layers: unknown[] = [
    {
      mark: {
        type: "line",
        strokeWidth: smoothing > 1 ? 1 : 2,
        color: smoothing > 1 ? PLOT_COLORS.faint : PLOT_COLORS.primary,
        clip: true,
      },
      encoding: {
        x,
        y,
        ...(smoothing > 1 ? { color: { datum: raw } } : {}),
      },
    },
  ];
  if (smoothing > 1) {
    layers.push({
      transform: [
        {
          window: [{ op: "mean", field: "loss", as: "smoothed" }],
          frame: [-Math.floor((smoothing - 1) / 2), Math.ceil((smoothing - 1) / 2)],
          sort: [{ field: "iteration" }],
        },
      ],
      mark: { type: "line", strokeWidth: 2.5, clip: true },
      encoding: {
        x,
        y: { ...y, field: "smoothed" },
        color: {
          datum: smooth,
          scale: { domain: [raw, smooth], range: [PLOT_COLORS.faint, PLOT_COLORS.primary] },
          legend: { title: null, orient: "top-right", fillColor: "white", padding: 4 },
        },
      },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: plotConfig(),
    title: {
      text: options.title ?? "Training loss",
      ...(dropped > 0 ? { subtitle: `${dropped} non-finite loss value(s) not shown` } : {}),
    },
    width: options.width ?? 480,
    height: options.height ?? 260,
    data: { values },
    layer: layers,
  };
}

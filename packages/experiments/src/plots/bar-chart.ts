import { type AxisOptions, drawable, quantitative } from "./axis.js";
import { specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * Options of {@link barChart}.
 *
 * @example
 * ```ts
 * import type { BarChartOptions } from "@backprop/experiments";
 * const options: BarChartOptions = { title: "accuracy", y: { title: "test accuracy", domain: [0, 1] }, bars: [{ label: "SGD", value: 0.9 }] };
 * console.log(options.bars.length); // 1
 * ```
 */
export interface BarChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** One bar per entry, in order; bars with a `group` are coloured and placed side by side by group. */
  readonly bars: ReadonlyArray<{
    readonly label: string;
    readonly value: number;
    readonly group?: string;
  }>;
  readonly y: AxisOptions;
  /** Title of the category axis (default none). */
  readonly x?: string;
  /** Write each value above its bar with this d3 format (e.g. `".3f"`, `".1e"`). */
  readonly valueFormat?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Bars per category (test accuracy per configuration, gradient differences per parameter),
 * optionally grouped, with the values written on the bars.
 *
 * @example
 * ```ts
 * import { barChart } from "@backprop/experiments";
 * const spec = barChart({ title: "Accuracy", y: { title: "accuracy" }, bars: [{ label: "N(0,1)", value: 0.94 }, { label: "Xavier", value: 0.98 }] });
 * console.log((spec.data as { values: unknown[] }).values.length); // 2
 * ```
 */
export function barChart(options: BarChartOptions): VegaLiteSpec {
  const labels = [...new Set(options.bars.map((b) => b.label))];
  const groups = [
    ...new Set(options.bars.flatMap((b) => (b.group === undefined ? [] : [b.group]))),
  ];
  const grouped = groups.length > 0;
  // Bars start at zero unless a domain (or a log scale) says otherwise.
  const base = quantitative("value", options.y);
  const y =
    options.y.scale === "log" || options.y.domain !== undefined
      ? base
      : { ...base, scale: { ...(base.scale as object), zero: true } };
  const x = {
    field: "label",
    type: "nominal",
    sort: labels,
    title: options.x ?? null,
    axis: { labelAngle: labels.some((l) => l.length > 8) ? -30 : 0 },
  };
  const encoding = {
    x,
    y,
    ...(grouped
      ? {
          xOffset: { field: "group", type: "nominal", sort: groups },
          color: { field: "group", type: "nominal", sort: groups, title: null },
        }
      : {}),
  };
  return {
    ...specHeader(options.title, options.subtitle),
    width: options.width ?? Math.max(240, 60 * options.bars.length),
    height: options.height ?? 260,
    data: { values: options.bars.filter((b) => drawable(b.value, options.y)) },
    layer: [
      { mark: { type: "bar", clip: true, ...(grouped ? {} : { color: "#4c78a8" }) }, encoding },
      ...(options.valueFormat === undefined
        ? []
        : [
            {
              mark: { type: "text", dy: -6, fontSize: 10, color: "#333333" },
              encoding: {
                ...encoding,
                color: { value: "#333333" },
                text: { field: "value", type: "quantitative", format: options.valueFormat },
              },
            },
          ]),
    ],
  };
}

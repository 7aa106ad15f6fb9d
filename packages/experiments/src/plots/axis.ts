/**
 * An axis of a chart.
 *
 * @example
 * ```ts
 * import { type AxisOptions, lineChart } from "@backprop/experiments";
 * const y: AxisOptions = { title: "loss", scale: "log" }; // 0 has no place on a log axis
 * const spec = lineChart({ title: "loss", x: { title: "step" }, y, series: [{ name: "a", points: [{ x: 1, y: 0 }, { x: 2, y: 0.5 }] }] });
 * console.log((spec.data as { values: unknown[] }).values.length); // 1
 * ```
 */
export interface AxisOptions {
  readonly title: string;
  /** Default `"linear"`; on `"log"` non-positive values are left out. */
  readonly scale?: "linear" | "log";
  /** A fixed domain (e.g. `[0, 1]` for accuracies). */
  readonly domain?: readonly [number, number];
  /** A d3 number format for the labels (e.g. `".0%"`). */
  readonly format?: string;
}

/** The Vega-Lite encoding of a quantitative field on an axis. */
export function quantitative(field: string, axis: AxisOptions): Record<string, unknown> {
  return {
    field,
    type: "quantitative",
    title: axis.title,
    scale: {
      type: axis.scale ?? "linear",
      ...(axis.domain === undefined ? { zero: false } : { domain: [...axis.domain] }),
      ...(axis.scale === "log" ? {} : { nice: true }),
    },
    // Log axes label every power the same way (1e-10 … 1e+25), not in two styles.
    ...(axis.format !== undefined
      ? { axis: { format: axis.format } }
      : axis.scale === "log"
        ? { axis: { format: "~e" } }
        : {}),
  };
}

/** Whether a value can be drawn on the axis (finite; positive on a log axis). */
export function drawable(value: number, axis: AxisOptions): boolean {
  return Number.isFinite(value) && (axis.scale !== "log" || value > 0);
}

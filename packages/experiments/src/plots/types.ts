/**
 * A Vega-Lite 5 top-level specification as plain JSON (what the spec builders return and
 * `renderPlot` accepts). Kept structural so the package's public types do not pull in
 * Vega-Lite's own type declarations; any JSON spec from the Vega-Lite docs fits.
 *
 * @example
 * ```ts
 * import type { VegaLiteSpec } from "@backprop/experiments";
 * const spec: VegaLiteSpec = { data: { values: [{ x: 1 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } };
 * console.log(Object.keys(spec).join(",")); // data,mark,encoding
 * ```
 */
export type VegaLiteSpec = { readonly [key: string]: unknown };

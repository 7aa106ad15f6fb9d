import { PLOT_COLORS, specHeader } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * One stage of a narrowing search for {@link rangeStages}: the range of every parameter, and
 * the stage's best point.
 *
 * @example
 * ```ts
 * import type { RangeStage } from "@backprop/experiments";
 * const stage: RangeStage = { stage: 1, ranges: { lr: { low: 1e-6, high: 1e-2 } }, best: { lr: 3e-3 } };
 * console.log(stage.ranges.lr!.high); // 0.01
 * ```
 */
export interface RangeStage {
  readonly stage: number;
  readonly ranges: Readonly<Record<string, { readonly low: number; readonly high: number }>>;
  readonly best?: Readonly<Record<string, number>>;
}

/**
 * Options of {@link rangeStages}.
 *
 * @example
 * ```ts
 * import type { RangeStagesOptions } from "@backprop/experiments";
 * const options: RangeStagesOptions = { title: "ranges", stages: [], log: ["lr"] };
 * console.log(options.log); // [ 'lr' ]
 * ```
 */
export interface RangeStagesOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly stages: readonly RangeStage[];
  /** Parameters drawn on a log axis. */
  readonly log?: readonly string[];
  readonly width?: number;
}

/**
 * The narrowed ranges per stage: one panel per parameter, a bar from low to high for every
 * stage (stage 1 at the top) and a mark at the stage's best value — how the search closed in.
 *
 * @example
 * ```ts
 * import { rangeStages } from "@backprop/experiments";
 * const spec = rangeStages({ title: "r", log: ["lr"], stages: [
 *   { stage: 1, ranges: { lr: { low: 1e-6, high: 1e-2 } }, best: { lr: 3e-3 } },
 *   { stage: 2, ranges: { lr: { low: 1e-3, high: 1e-2 } } },
 * ] });
 * console.log((spec.vconcat as unknown[]).length); // 1
 * ```
 */
export function rangeStages(options: RangeStagesOptions): VegaLiteSpec {
  const names = [...new Set(options.stages.flatMap((s) => Object.keys(s.ranges)))];
  const log = new Set(options.log ?? []);
  return {
    ...specHeader(options.title, options.subtitle),
    vconcat: names.map((name) => {
      const x = {
        type: "quantitative",
        title: name,
        scale: log.has(name) ? { type: "log" } : { zero: false, nice: true },
        ...(log.has(name) ? { axis: { format: "~e" } } : {}),
      };
      const y = { field: "stage", type: "ordinal", title: "stage" };
      return {
        width: options.width ?? 480,
        height: { step: 26 },
        layer: [
          {
            data: {
              values: options.stages
                .filter((s) => s.ranges[name] !== undefined)
                .map((s) => ({
                  stage: s.stage,
                  low: s.ranges[name]!.low,
                  high: s.ranges[name]!.high,
                })),
            },
            mark: { type: "bar", height: 14, color: PLOT_COLORS.faint },
            encoding: { x: { field: "low", ...x }, x2: { field: "high" }, y },
          },
          {
            data: {
              values: options.stages
                .filter((s) => typeof s.best?.[name] === "number")
                .map((s) => ({ stage: s.stage, best: s.best![name] })),
            },
            mark: { type: "tick", thickness: 3, size: 18, color: PLOT_COLORS.secondary },
            encoding: { x: { field: "best", ...x }, y },
          },
        ],
      };
    }),
  };
}

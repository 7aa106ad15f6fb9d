import {
  BOOK_SEARCH_CURVES_KEY,
  lineChartGrid,
  optimizationHistory,
  parallelCoordinates,
  type RangeStage,
  rangeStages,
  type SearchParamAxis,
  slicePlot,
} from "@backprop/experiments";
import type { FrozenTrial, NarrowingStage, Study } from "@backprop/hpo";
import type { ReportPlotSpec } from "../../report/write-report.js";

function short(x: unknown): string {
  if (typeof x !== "number") return String(x);
  return Math.abs(x) < 1e-2 || Math.abs(x) >= 1e4 ? x.toExponential(1) : x.toPrecision(3);
}

/** `weight_decay` → `wd`: panel titles stay as narrow as their panels. */
function abbrev(name: string): string {
  return name.includes("_")
    ? name
        .split("_")
        .map((p) => p[0] ?? "")
        .join("")
    : name;
}

/** The numeric parameters of the study's trials, log-scaled where their distribution is. */
export function paramAxes(trials: readonly FrozenTrial[]): SearchParamAxis[] {
  const axes = new Map<string, boolean>();
  for (const t of trials)
    for (const [name, d] of Object.entries(t.distributions))
      if (d.type !== "categorical" && !axes.has(name)) axes.set(name, d.log);
  return [...axes].map(([name, log]) => ({ name, log }));
}

/**
 * The search report's plots: optimization history, the best-k learning curves (the book's
 * figure: validation solid, training dashed … here as two series per panel), parallel
 * coordinates, slices, and the narrowed ranges per stage when there were stages.
 */
export function searchPlots(options: {
  readonly study: Study;
  readonly stages: readonly NarrowingStage[];
  readonly topK: number;
  readonly valueTitle: string;
}): ReportPlotSpec[] {
  const { study } = options;
  const complete = study.trials.filter(
    (t) => t.state === "COMPLETE" && t.value !== undefined && Number.isFinite(t.value),
  );
  const points = complete.map((t) => ({ number: t.number, value: t.value!, params: t.params }));
  const axes = paramAxes(study.trials);
  const format = options.valueTitle.includes("accuracy") ? ".0%" : undefined;
  const counted = `${study.trials.length} trials (${complete.length} complete)`;
  const plots: ReportPlotSpec[] = [
    {
      name: "history",
      title: "Optimization history",
      spec: optimizationHistory({
        title: `Optimization history: ${study.studyName}`,
        subtitle: `${counted}; the line is the best value so far`,
        direction: study.direction,
        trials: points,
        valueTitle: options.valueTitle,
        ...(format === undefined ? {} : { format }),
      }),
    },
  ];
  const best = study.topK(options.topK).filter((t) => {
    const c = t.userAttrs[BOOK_SEARCH_CURVES_KEY] as { validation?: unknown } | undefined;
    return Array.isArray(c?.validation);
  });
  if (best.length > 0)
    plots.push({
      name: "best-curves",
      title: `The best ${best.length} learning curves`,
      spec: lineChartGrid({
        title: `The best ${best.length} trials: accuracy per epoch`,
        subtitle: "validation (the search's score) and training accuracy, best first",
        columns: Math.min(5, best.length),
        x: { title: "epoch" },
        y: { title: "accuracy", domain: [0, 1], format: ".0%" },
        legend: "data",
        points: false,
        panels: best.map((t, i) => {
          const c = t.userAttrs[BOOK_SEARCH_CURVES_KEY] as {
            validation: number[];
            train?: number[];
          };
          const params = axes.map((a) => `${abbrev(a.name)} ${short(t.params[a.name])}`).join(" ");
          return {
            title: `Best-${i + 1} (${short(t.value)}) ${params}`,
            series: [
              { name: "validation", points: c.validation.map((y, x) => ({ x: x + 1, y })) },
              { name: "train", points: (c.train ?? []).map((y, x) => ({ x: x + 1, y })) },
            ],
          };
        }),
        width: 200,
        height: 120,
      }),
    });
  if (axes.length > 0 && points.length > 0) {
    plots.push({
      name: "parallel-coordinates",
      title: "Parallel coordinates",
      spec: parallelCoordinates({
        title: "Parameters and values of the complete trials",
        subtitle: "each line a trial, coloured by its value; log axes for log parameters",
        axes,
        trials: points,
        valueTitle: options.valueTitle,
      }),
    });
    plots.push({
      name: "slices",
      title: "Slice plots",
      spec: slicePlot({
        title: "The value against each parameter",
        subtitle: "darker points are later trials",
        axes,
        trials: points,
        valueTitle: options.valueTitle,
        ...(format === undefined ? {} : { format }),
      }),
    });
  }
  if (options.stages.length > 1) {
    const stages: RangeStage[] = options.stages.map((s) => ({
      stage: s.stage,
      ranges: Object.fromEntries(
        Object.entries(s.space).flatMap(([name, spec]) =>
          spec.type === "categorical" ? [] : [[name, { low: spec.low, high: spec.high }]],
        ),
      ),
      ...(s.best === null
        ? {}
        : {
            best: Object.fromEntries(
              Object.entries(s.best.params).filter(
                (e): e is [string, number] => typeof e[1] === "number",
              ),
            ),
          }),
    }));
    plots.push({
      name: "ranges",
      title: "Narrowed ranges per stage",
      spec: rangeStages({
        title: "The ranges each stage searched",
        subtitle: "bars: a stage's range; ticks: its best trial",
        stages,
        log: axes.filter((a) => a.log).map((a) => a.name),
      }),
    });
  }
  return plots;
}

import { InvalidOptionError, ShapeError } from "@backprop/errors";
import type { VegaLiteSpec } from "@backprop/experiments";
import { plotConfig } from "@backprop/experiments";

/**
 * Options of {@link confusionMatrixSpec}.
 *
 * @example
 * ```ts
 * import { type ConfusionMatrixOptions, confusionMatrixSpec } from "@backprop/cli";
 * const options: ConfusionMatrixOptions = { matrix: [[3, 0], [1, 2]], cellSize: 24 };
 * console.log(confusionMatrixSpec(options).width); // 48
 * ```
 */
export interface ConfusionMatrixOptions {
  /** `matrix[t][p]`: how many examples of true class `t` were predicted as class `p` (square). */
  readonly matrix: readonly (readonly number[])[];
  /** Class names, one per row (default `"0"`, `"1"`, …). */
  readonly labels?: readonly string[];
  /** Plot title (default `"Confusion matrix"`). */
  readonly title?: string;
  /** Width and height of one cell in pixels (default 36). */
  readonly cellSize?: number;
}

/**
 * A confusion-matrix heatmap: true class down the rows, predicted class across the columns, the
 * count written in every cell (white on dark cells), a subtitle with the overall accuracy.
 *
 * @example
 * ```ts
 * import { confusionMatrixSpec } from "@backprop/cli";
 * const spec = confusionMatrixSpec({ matrix: [[5, 1], [0, 4]], labels: ["cat", "dog"] });
 * console.log((spec.data as { values: unknown[] }).values.length); // 4
 * ```
 */
export function confusionMatrixSpec(options: ConfusionMatrixOptions): VegaLiteSpec {
  const op = "confusionMatrixSpec";
  const { matrix } = options;
  const n = Array.isArray(matrix) ? matrix.length : 0;
  if (n === 0) {
    throw new ShapeError({
      op,
      argument: "matrix",
      expected: "a non-empty square matrix",
      actual: "[]",
    });
  }
  const labels = options.labels ?? Array.from({ length: n }, (_, i) => String(i));
  if (labels.length !== n) {
    throw new ShapeError({
      op,
      argument: "labels",
      expected: `${n} labels`,
      actual: [labels.length],
    });
  }
  if (new Set(labels).size !== n) {
    throw new InvalidOptionError({
      op,
      option: "labels",
      value: labels,
      expected: "distinct names",
    });
  }
  const cellSize = options.cellSize ?? 36;
  const values: Array<{ actual: string; predicted: string; count: number }> = [];
  let total = 0;
  let correct = 0;
  let max = 0;
  matrix.forEach((row, t) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new ShapeError({
        op,
        argument: `matrix[${t}]`,
        expected: `${n} counts (a square matrix)`,
        actual: [Array.isArray(row) ? row.length : 0],
      });
    }
    row.forEach((count, p) => {
      if (!(Number.isFinite(count) && count >= 0)) {
        throw new InvalidOptionError({
          op,
          option: `matrix[${t}][${p}]`,
          value: count,
          expected: "a finite count >= 0",
        });
      }
      values.push({ actual: labels[t]!, predicted: labels[p]!, count });
      total += count;
      if (t === p) correct += count;
      max = Math.max(max, count);
    });
  });
  const accuracy = total > 0 ? ` · accuracy ${((100 * correct) / total).toFixed(2)}%` : "";
  const axisCommon = { labelAngle: 0, ticks: false, domain: false, labelPadding: 6 };
  const x = {
    field: "predicted",
    type: "ordinal",
    sort: labels,
    title: "predicted label",
    // Names longer than a digit or two are slanted so neighbours do not overlap.
    axis: {
      ...axisCommon,
      orient: "bottom",
      ...(labels.some((l) => String(l).length > 2) ? { labelAngle: -35, labelAlign: "right" } : {}),
    },
  };
  const y = {
    field: "actual",
    type: "ordinal",
    sort: labels,
    title: "true label",
    axis: axisCommon,
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: { ...plotConfig(), scale: { bandPaddingInner: 0.04 } },
    title: { text: options.title ?? "Confusion matrix", subtitle: `${total} examples${accuracy}` },
    width: cellSize * n,
    height: cellSize * n,
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: { type: "rect", cornerRadius: 2 },
        encoding: {
          color: {
            field: "count",
            type: "quantitative",
            title: "count",
            scale: { scheme: "blues", domain: [0, Math.max(max, 1)] },
            legend: null,
          },
        },
      },
      {
        mark: { type: "text", fontSize: cellSize >= 32 ? 11 : 9 },
        encoding: {
          text: { field: "count", type: "quantitative", format: "d" },
          color: {
            condition: { test: `datum.count > ${max / 2}`, value: "white" },
            value: "#333333",
          },
        },
      },
    ],
  };
}

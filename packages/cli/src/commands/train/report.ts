import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Sequential, serializeModel } from "@backprop/layers";
import { writeFileAtomic } from "@backprop/layers/node";
import { scope, softmax, tensor } from "@backprop/tensor-core";
import {
  confusionMatrix,
  type Dataset,
  type Evaluation,
  type History,
  selectRows,
} from "@backprop/trainer";
import { accuracyCurveSpec } from "../../plots/accuracy-curve.js";
import { confusionMatrixSpec } from "../../plots/confusion-matrix.js";
import { lossCurveSpec } from "../../plots/loss-curve.js";
import {
  type MisclassifiedDigit,
  misclassifiedDigitsSpec,
} from "../../plots/misclassified-digits.js";
import type { SummaryValue } from "../../report/report-html.js";
import { writeReport } from "../../report/write-report.js";

/** What a finished run reports (`metrics.json`, and the CLI's `--json` line adds to it). */
export interface RunMetrics {
  readonly trainAccuracy: number | null;
  readonly validationAccuracy: number | null;
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly perClassAccuracy: number[];
  readonly confusionMatrix: number[][];
  readonly epochs: number;
  readonly iterations: number;
  readonly samplesPerSecond: number;
  readonly seconds: number;
}

/** Per-class accuracy from a confusion matrix (NaN-free: a class with no rows scores 0). */
export function perClassAccuracy(matrix: readonly (readonly number[])[]): number[] {
  return matrix.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? 0 : row[c]! / total;
  });
}

/** The run's figures from its history and the final test evaluation. */
export function runMetrics(
  history: History,
  test: Evaluation,
  classes: number,
  bestEpoch: number | null,
): RunMetrics {
  const last = history.epochs.find((e) => e.epoch === bestEpoch) ?? history.epochs.at(-1);
  const matrix = confusionMatrix(test.labels, test.predictions, classes);
  const seconds = history.epochs.reduce((a, e) => a + e.seconds, 0);
  const samples = history.epochs.reduce((a, e) => a + e.samplesPerSecond * e.seconds, 0);
  return {
    trainAccuracy: last?.metrics["train.accuracy"] ?? null,
    validationAccuracy: last?.metrics["validation.accuracy"] ?? null,
    testAccuracy: test.accuracy,
    testLoss: test.loss,
    perClassAccuracy: perClassAccuracy(matrix),
    confusionMatrix: matrix,
    epochs: history.epochs.length,
    iterations: history.loss.length,
    samplesPerSecond: seconds > 0 ? samples / seconds : 0,
    seconds,
  };
}

/**
 * The `limit` test rows the model got wrong most confidently, with the probability it gave its
 * wrong answer — the most telling mistakes, from every class.
 */
function misclassified(
  model: Sequential,
  data: Dataset,
  test: Evaluation,
  limit: number,
  names: readonly string[],
): MisclassifiedDigit[] {
  const rows: number[] = [];
  for (let i = 0; i < test.count; i++) if (test.predictions[i] !== test.labels[i]) rows.push(i);
  if (rows.length === 0) return [];
  const k = data.features.length / data.count;
  const backend = model.params.values().next().value!.backend;
  const confidence = scope(() => {
    const x = tensor(selectRows(data, rows).features, {
      shape: [rows.length, k],
      dtype: "float",
      backend,
    });
    const p = softmax(model.forward(x, { training: false })).arraySync() as number[][];
    return p.map((q, i) => q[test.predictions[rows[i]!]!]!);
  });
  return rows
    .map((row, i) => ({ row, probability: confidence[i]! }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, limit)
    .map(({ row, probability }) => ({
      pixels: data.features.subarray(row * k, row * k + k),
      trueLabel: names[test.labels[row]!] ?? test.labels[row]!,
      predictedLabel: names[test.predictions[row]!] ?? test.predictions[row]!,
      probability,
    }));
}

/** Options of {@link writeTrainingReport}. */
export interface TrainingReportOptions {
  readonly dir: string;
  readonly title: string;
  readonly subtitle: string;
  readonly summary: ReadonlyArray<readonly [string, SummaryValue]>;
  readonly history: History;
  readonly metrics: RunMetrics;
  readonly model: Sequential;
  readonly test: Dataset;
  readonly testEvaluation: Evaluation;
  /** Names of the classes (axis labels, captions). */
  readonly classNames: readonly string[];
  /** Whether rows are 28×28 images (for the misclassified-digit grid). */
  readonly images: boolean;
  readonly settings: unknown;
}

/**
 * Writes the report directory: `history.json`, `metrics.json`, `model.safetensors` (a plain
 * model file for `loadModel`), the plots as SVG and PNG (loss per iteration, accuracy per epoch,
 * the test confusion matrix, misclassified test digits) and `report.html` showing them — every
 * file atomically.
 */
export async function writeTrainingReport(options: TrainingReportOptions): Promise<string> {
  const { dir, history, metrics } = options;
  await mkdir(dir, { recursive: true });
  const text = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  await writeFileAtomic(join(dir, "history.json"), text(history));
  await writeFileAtomic(
    join(dir, "metrics.json"),
    text({ ...metrics, settings: options.settings }),
  );
  await writeFileAtomic(join(dir, "model.safetensors"), serializeModel(options.model));
  const accuracy = history.epochs.flatMap((e) =>
    Object.entries(e.metrics)
      .filter(([key]) => key.endsWith(".accuracy"))
      .map(([key, value]) => ({
        epoch: e.epoch,
        split: key.slice(0, -".accuracy".length),
        accuracy: value,
      })),
  );
  const classes = metrics.confusionMatrix.length;
  const mistakes = options.testEvaluation.predictions.filter(
    (p, i) => p !== options.testEvaluation.labels[i],
  ).length;
  const wrong = options.images
    ? misclassified(options.model, options.test, options.testEvaluation, 24, options.classNames)
    : [];
  const written = await writeReport({
    dir,
    title: options.title,
    subtitle: options.subtitle,
    summary: options.summary,
    plots: [
      {
        name: "loss",
        spec: lossCurveSpec({
          points: history.loss.map((loss, iteration) => ({ iteration: iteration + 1, loss })),
          // A window of ~2.5% of the run shows the trend through the batch-to-batch noise.
          smoothing: Math.max(1, Math.round(history.loss.length / 40)),
          title: "Training loss per iteration",
        }),
      },
      ...(accuracy.length === 0
        ? []
        : [
            {
              name: "accuracy",
              spec: accuracyCurveSpec({ points: accuracy }),
            },
          ]),
      {
        name: "confusion",
        spec: confusionMatrixSpec({
          title: "Confusion matrix (test set)",
          matrix: metrics.confusionMatrix,
          labels:
            options.classNames.length === classes
              ? [...options.classNames]
              : Array.from({ length: classes }, (_, i) => String(i)),
        }),
      },
      ...(wrong.length === 0
        ? []
        : [
            {
              name: "misclassified",
              spec: misclassifiedDigitsSpec({
                digits: wrong,
                title: `Misclassified test ${options.classNames[0] === "0" ? "digits" : "images"}`,
                subtitle: `the ${wrong.length} most confident of ${mistakes} mistakes on ${options.testEvaluation.count} test images`,
              }),
            },
          ]),
    ],
  });
  return written.html;
}

import { Dense, Sequential, SoftmaxCrossEntropy } from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { deriveRng } from "@backprop/random";
import { type Dataset, evaluate, fit } from "@backprop/trainer";
import { runContext } from "../context.js";
import { lineChart } from "../plots/line-chart.js";
import type { Experiment, ExperimentResult } from "../types.js";
import { trainLectureNet } from "./lecture-training.js";

/**
 * Settings of {@link softmaxRegression}.
 *
 * @example
 * ```ts
 * import { softmaxRegression, type SoftmaxRegressionSettings } from "@backprop/experiments";
 * const settings: SoftmaxRegressionSettings = softmaxRegression.full;
 * console.log(settings.toyEpochs, settings.epochs, settings.lr); // 20 15 0.1
 * ```
 */
export interface SoftmaxRegressionSettings {
  /** Full-batch epochs on the 3-feature toy set (the lecture: 20). */
  readonly toyEpochs: number;
  readonly toyLr: number;
  /** MNIST softmax regression 784-10: epochs (the lecture: 15), batch 100, SGD lr 0.1. */
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
}

/**
 * The lecture's toy set: 3 features, 3 classes, 8 rows (the notes show the model, `nn.Linear(3, 3)`,
 * not their numbers: these are three well-separated groups of the same shape).
 */
function toySet(): Dataset {
  const rows = [
    [1, 2, 1],
    [1, 3, 2],
    [1, 3, 4],
    [1, 5, 5],
    [1, 7, 5],
    [1, 2, 5],
    [1, 6, 6],
    [1, 7, 7],
  ];
  return {
    count: 8,
    featureShape: [3],
    features: Float32Array.from(rows.flat()),
    labels: Int32Array.from([2, 2, 2, 1, 1, 1, 0, 0]),
  };
}

/**
 * The lecture's softmax classification: a 3-feature → 3-class softmax model trained on the whole
 * toy set for 20 epochs (SGD lr 0.1, cross-entropy on class indices), then softmax regression on
 * MNIST (784-10, SGD lr 0.1, batch 100, 15 epochs) with the average cost per epoch and the test
 * accuracy.
 *
 * @example
 * ```ts
 * import { softmaxRegression } from "@backprop/experiments";
 * console.log(softmaxRegression.full.epochs); // 15
 * ```
 */
export const softmaxRegression: Experiment<SoftmaxRegressionSettings> = {
  name: "softmax-regression",
  title: "Softmax regression: a toy set and MNIST",
  source: "lecture",
  description:
    "A 3-feature softmax classifier (full batch, 20 epochs, SGD 0.1) and MNIST softmax regression 784-10 (SGD 0.1, batch 100, 15 epochs).",
  usesData: true,
  quick: { toyEpochs: 20, toyLr: 0.1, epochs: 5, batchSize: 100, lr: 0.1 },
  full: { toyEpochs: 20, toyLr: 0.1, epochs: 15, batchSize: 100, lr: 0.1 },
  async run(options = {}): Promise<ExperimentResult<SoftmaxRegressionSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    // The toy model: one Linear(3, 3) and cross-entropy over its logits.
    const toy = new Sequential(
      [new Dense(3, 3, { name: "linear", rng: deriveRng(ctx.seed, "toy"), backend: "reference" })],
      {
        loss: new SoftmaxCrossEntropy(),
      },
    );
    const toyData = toySet();
    const toyRun = await fit({
      model: toy,
      optimizer: sgd({ lr: s.toyLr }),
      train: toyData,
      epochs: s.toyEpochs,
      batchSize: 8,
      shuffle: false,
      evaluateTrain: false,
    });
    const toyAccuracy = evaluate(toy, toyData).accuracy;
    toy.dispose();
    const data = await ctx.data();
    // 784-10: no hidden layer; PyTorch's default Linear init.
    const mnist = await trainLectureNet(ctx, data, {
      hidden: [],
      optimizer: "sgd",
      lr: s.lr,
      epochs: s.epochs,
      batchSize: s.batchSize,
      tag: "softmax",
    });
    mnist.model.dispose();
    const toyCosts = toyRun.history.loss;
    return ctx.result({
      dataset: data.name,
      data: { toyCosts, toyAccuracy, mnistCosts: mnist.costs, testAccuracy: mnist.testAccuracy },
      plots: [
        {
          name: "toy-cost",
          title: "Toy set: cost per epoch",
          spec: lineChart({
            title: "3-feature softmax classifier: cost per epoch (full batch, SGD lr 0.1)",
            x: { title: "epoch" },
            y: { title: "cross-entropy" },
            series: [{ name: "cost", points: toyCosts.map((y, i) => ({ x: i, y })) }],
          }),
        },
        {
          name: "mnist-cost",
          title: "MNIST softmax regression: average cost per epoch",
          spec: lineChart({
            title: `Softmax regression 784-10 on ${data.name}: average cost per epoch`,
            subtitle: `test accuracy ${(100 * mnist.testAccuracy).toFixed(2)}%`,
            x: { title: "epoch" },
            y: { title: "average cost" },
            series: [{ name: "cost", points: mnist.costs.map((y, i) => ({ x: i + 1, y })) }],
          }),
        },
      ],
      claims: [
        {
          statement: "The toy softmax model's cost falls over the 20 full-batch epochs",
          holds: toyCosts.at(-1)! < toyCosts[0]!,
          evidence: `cost ${toyCosts[0]!.toFixed(4)} → ${toyCosts.at(-1)!.toFixed(4)}, training accuracy ${toyAccuracy.toFixed(3)}`,
        },
        {
          statement: "MNIST softmax regression's average cost falls every epoch",
          holds: mnist.costs.every((c, i) => i === 0 || c < mnist.costs[i - 1]!),
          evidence: mnist.costs.map((c) => c.toFixed(4)).join(" → "),
        },
        {
          statement: "A linear softmax classifier reaches about 90% on MNIST digits",
          holds: mnist.testAccuracy > 0.85,
          evidence: `test accuracy ${(100 * mnist.testAccuracy).toFixed(2)}% on ${data.test.count} images`,
        },
      ],
      summary: [
        `toy set: cost ${toyCosts[0]!.toFixed(4)} → ${toyCosts.at(-1)!.toFixed(4)} in ${s.toyEpochs} epochs`,
        `MNIST 784-10: cost ${mnist.costs.map((c) => c.toFixed(4)).join(", ")}; test accuracy ${(100 * mnist.testAccuracy).toFixed(2)}%`,
      ],
    });
  },
};

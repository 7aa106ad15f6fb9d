import { multiLayerNet } from "@backprop/layers";
import { AdaGrad, Adam, Momentum, type Optimizer, SGD } from "@backprop/optimizers";
import { deriveRng } from "@backprop/random";
import { evaluate } from "@backprop/trainer";
import { runContext } from "../context.js";
import { barChart } from "../plots/bar-chart.js";
import { lineChart } from "../plots/line-chart.js";
import { smoothCurve } from "../smooth-curve.js";
import { trainIterations } from "../train-iterations.js";
import type { Experiment, ExperimentResult } from "../types.js";

/** The four update rules of the comparison, in the book's order. */
type Method = "SGD" | "Momentum" | "AdaGrad" | "Adam";

const METHODS: readonly Method[] = ["SGD", "Momentum", "AdaGrad", "Adam"];

/**
 * Settings of {@link optimizersMnist}.
 *
 * @example
 * ```ts
 * import { type OptimizersMnistSettings, optimizersMnist } from "@backprop/experiments";
 * const settings: OptimizersMnistSettings = { ...optimizersMnist.full, iterations: 300 };
 * console.log(settings.lr.Adam); // 0.001
 * ```
 */
export interface OptimizersMnistSettings {
  /** Hidden layer sizes (the book: four of 100 — a 5-layer net, 784-100-100-100-100-10). */
  readonly hiddenSizes: readonly number[];
  /** Steps per optimizer (the book: 2 000). */
  readonly iterations: number;
  /** The book: 128. */
  readonly batchSize: number;
  /** Learning rates (the book's class defaults: 0.01, 0.01, 0.01 and 0.001 for Adam). */
  readonly lr: Readonly<Record<Method, number>>;
}

/** The book's optimizers with its conventions (Momentum 0.9 in its form, ε 1e-7, Adam β 0.9/0.999). */
function makeOptimizer(method: Method, lr: number): Optimizer {
  switch (method) {
    case "SGD":
      return new SGD({ lr });
    case "Momentum":
      return new Momentum({ lr, momentum: 0.9, form: "book" });
    case "AdaGrad":
      return new AdaGrad({ lr, preset: "book" });
    case "Adam":
      return new Adam({ lr, preset: "book" });
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

/** The mean loss of the last tenth of a run (at least one step): what a run "ends at". */
function endLoss(loss: readonly number[]): number {
  return mean(loss.slice(-Math.max(1, Math.floor(loss.length / 10))));
}

/**
 * Chapter 6.1.8: SGD, Momentum, AdaGrad and Adam training the same 5-layer ReLU net
 * (784-100-100-100-100-10, He init) on MNIST — 2 000 iterations of batches of 128 drawn with
 * replacement, every optimizer on the same batches from the same initial weights, with the
 * book's default learning rates. The loss per iteration, smoothed as the book smooths it: SGD is
 * the slowest; the other three are close, AdaGrad a little ahead.
 *
 * @example
 * ```ts
 * import { optimizersMnist } from "@backprop/experiments";
 * console.log(optimizersMnist.full.iterations, optimizersMnist.full.batchSize); // 2000 128
 * ```
 */
export const optimizersMnist: Experiment<OptimizersMnistSettings> = {
  name: "optimizers-mnist",
  title: "SGD, Momentum, AdaGrad and Adam on MNIST",
  source: "ch6",
  description:
    "The four update rules on a 784-100-100-100-100-10 ReLU net (He init), 2 000 iterations of batch 128: SGD learns slowest.",
  usesData: true,
  quick: {
    hiddenSizes: [100, 100, 100, 100],
    iterations: 1000,
    batchSize: 128,
    lr: { SGD: 0.01, Momentum: 0.01, AdaGrad: 0.01, Adam: 0.001 },
  },
  full: {
    hiddenSizes: [100, 100, 100, 100],
    iterations: 2000,
    batchSize: 128,
    lr: { SGD: 0.01, Momentum: 0.01, AdaGrad: 0.01, Adam: 0.001 },
  },
  async run(options = {}): Promise<ExperimentResult<OptimizersMnistSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const data = await ctx.data();
    const inputSize = data.train.features.length / data.train.count;
    const runs = [];
    for (const method of METHODS) {
      // The same initial weights for every optimizer.
      const model = multiLayerNet({
        inputSize,
        hiddenSizes: s.hiddenSizes,
        outputSize: 10,
        activation: "relu",
        weightInit: "he",
        rng: deriveRng(ctx.seed, "init"),
      });
      const optimizer = makeOptimizer(method, s.lr[method]);
      try {
        const loss = await trainIterations({
          model,
          optimizer,
          train: data.train,
          iterations: s.iterations,
          batchSize: s.batchSize,
          seed: ctx.seed,
          onStep: (i, l) => ctx.progress(`${method}: iteration ${i}, loss ${l.toFixed(4)}`),
          ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
        });
        const test = evaluate(model, data.test);
        runs.push({
          method,
          lr: s.lr[method],
          loss,
          smooth: smoothCurve(loss),
          end: endLoss(loss),
          testAccuracy: test.accuracy,
        });
      } finally {
        model.dispose();
        optimizer.dispose();
      }
    }
    const by = Object.fromEntries(runs.map((r) => [r.method, r])) as Record<
      Method,
      (typeof runs)[number]
    >;
    const sgd = by.SGD;
    const others = runs.filter((r) => r.method !== "SGD");
    // How fast a run learns: its mean loss over all iterations (the area under its curve).
    const fastest = runs.reduce((a, b) => (mean(b.loss) < mean(a.loss) ? b : a));
    const areas = runs.map((r) => `${r.method} ${mean(r.loss).toFixed(3)}`).join(", ");
    const ends = runs.map((r) => `${r.method} ${r.end.toFixed(3)}`).join(", ");
    const tail = Math.max(1, Math.floor(s.iterations / 10));
    const step = Math.max(1, Math.floor(s.iterations / 1000));
    const every = <T>(values: readonly T[]) =>
      values.filter((_, i) => i % step === 0 || i === values.length - 1);
    return ctx.result({
      dataset: data.name,
      data: {
        runs: runs.map((r) => ({
          method: r.method,
          lr: r.lr,
          endLoss: r.end,
          testAccuracy: r.testAccuracy,
          smoothedLoss: every(r.smooth),
        })),
        lossStep: step,
      },
      plots: [
        {
          name: "loss",
          title: "Training loss per iteration for each optimizer",
          spec: lineChart({
            title: `Training loss per iteration: four optimizers (${data.name})`,
            subtitle: `784-${s.hiddenSizes.join("-")}-10 ReLU, He init, batch ${s.batchSize}; smoothed like the book (11-point Kaiser window)`,
            x: { title: "iteration", format: "d" },
            y: { title: "cross-entropy loss (smoothed)", domain: [0, 2.5] },
            legend: "optimizer",
            points: false,
            series: runs.map((r) => ({
              name: `${r.method} (lr ${r.lr})`,
              points: every(r.smooth.map((y, i) => ({ x: i + 1, y }))),
            })),
          }),
        },
        {
          name: "test-accuracy",
          title: "Test accuracy after training",
          spec: barChart({
            title: `Test accuracy after ${s.iterations} iterations (${data.name})`,
            x: "optimizer",
            y: { title: "test accuracy", domain: [0, 1], format: ".0%" },
            valueFormat: ".1%",
            width: 380,
            bars: runs.map((r) => ({ label: r.method, value: r.testAccuracy })),
          }),
        },
      ],
      claims: [
        {
          statement:
            "SGD learns slowest: Momentum, AdaGrad and Adam all end at a lower loss than plain SGD",
          holds: others.every((r) => r.end < sgd.end),
          evidence: `mean loss of the last ${tail} iterations: ${ends}`,
        },
        {
          statement: "The other three progress about equally, AdaGrad looking a little faster",
          holds: fastest.method === "AdaGrad",
          evidence: `mean loss over all ${s.iterations} iterations (lower: faster): ${areas}`,
        },
      ],
      summary: runs.map(
        (r) =>
          `${r.method.padEnd(8)} lr ${String(r.lr).padEnd(5)} loss ${mean(r.loss.slice(0, tail)).toFixed(3)} → ${r.end.toFixed(3)} (mean of the first and last ${tail} iterations), test accuracy ${r.testAccuracy.toFixed(4)}`,
      ),
    });
  },
};

import { multiLayerNet } from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { deriveRng } from "@backprop/random";
import { evaluate } from "@backprop/trainer";
import { runContext } from "../context.js";
import { lineChart } from "../plots/line-chart.js";
import { smoothCurve } from "../smooth-curve.js";
import { trainIterations } from "../train-iterations.js";
import type { Experiment, ExperimentResult } from "../types.js";
import type { InitScale } from "./init-histograms.js";

/**
 * Settings of {@link initMnist}.
 *
 * @example
 * ```ts
 * import { type InitMnistSettings, initMnist } from "@backprop/experiments";
 * const settings: InitMnistSettings = { ...initMnist.quick, iterations: 300 };
 * console.log(settings.lr, settings.batchSize); // 0.01 128
 * ```
 */
export interface InitMnistSettings {
  /** Hidden layer sizes (the book: four of 100 — 784-100-100-100-100-10). */
  readonly hiddenSizes: readonly number[];
  /** SGD steps per initialisation (the book: 2 000). */
  readonly iterations: number;
  /** The book: 128. */
  readonly batchSize: number;
  /** SGD learning rate (the book: 0.01). */
  readonly lr: number;
  /** The initialisations compared (the book: std 0.01, Xavier, He). */
  readonly inits: readonly InitScale[];
}

const LN10 = Math.LN10;

function label(init: InitScale): string {
  return init === "xavier" ? "Xavier" : init === "he" ? "He" : `std ${init}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

/** The mean loss of the last tenth of a run (at least one step). */
function endLoss(loss: readonly number[]): number {
  return mean(loss.slice(-Math.max(1, Math.floor(loss.length / 10))));
}

/**
 * Chapter 6.2.4: the same 5-layer ReLU net (784-100-100-100-100-10) trained with SGD (lr 0.01,
 * batches of 128 drawn with replacement, 2 000 iterations) from weights of std 0.01, Xavier
 * √(1/n) and He √(2/n) — every run on the same batches. With std 0.01 the signal vanishes and
 * the loss stays at ln 10 ≈ 2.30; Xavier and He learn, He faster.
 *
 * @example
 * ```ts
 * import { initMnist } from "@backprop/experiments";
 * console.log(initMnist.full.inits.join(", ")); // 0.01, xavier, he
 * ```
 */
export const initMnist: Experiment<InitMnistSettings> = {
  name: "init-mnist",
  title: "Weight initialisation on MNIST: std 0.01 vs Xavier vs He",
  source: "ch6",
  description:
    "A 784-100-100-100-100-10 ReLU net, SGD lr 0.01, batch 128, 2 000 iterations from std 0.01, Xavier and He weights: std 0.01 does not learn, He learns fastest.",
  usesData: true,
  quick: {
    hiddenSizes: [100, 100, 100, 100],
    iterations: 1000,
    batchSize: 128,
    lr: 0.01,
    inits: [0.01, "xavier", "he"],
  },
  full: {
    hiddenSizes: [100, 100, 100, 100],
    iterations: 2000,
    batchSize: 128,
    lr: 0.01,
    inits: [0.01, "xavier", "he"],
  },
  async run(options = {}): Promise<ExperimentResult<InitMnistSettings>> {
    const ctx = runContext(this, options);
    const s = ctx.settings;
    const data = await ctx.data();
    const inputSize = data.train.features.length / data.train.count;
    const runs: Array<{
      init: InitScale;
      label: string;
      loss: number[];
      smooth: number[];
      end: number;
      average: number;
      testAccuracy: number;
    }> = [];
    for (const init of s.inits) {
      const model = multiLayerNet({
        inputSize,
        hiddenSizes: s.hiddenSizes,
        outputSize: 10,
        activation: "relu",
        weightInit: init,
        rng: deriveRng(ctx.seed, "init", label(init)),
      });
      const optimizer = sgd({ lr: s.lr });
      try {
        const loss = await trainIterations({
          model,
          optimizer,
          train: data.train,
          iterations: s.iterations,
          batchSize: s.batchSize,
          seed: ctx.seed,
          onStep: (i, l) => ctx.progress(`${label(init)}: iteration ${i}, loss ${l.toFixed(4)}`),
          ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
        });
        runs.push({
          init,
          label: label(init),
          loss,
          smooth: smoothCurve(loss),
          end: endLoss(loss),
          average: mean(loss),
          testAccuracy: evaluate(model, data.test).accuracy,
        });
      } finally {
        model.dispose();
        optimizer.dispose();
      }
    }
    const find = (init: InitScale) => runs.find((r) => r.init === init);
    const small = find(0.01);
    const xavier = find("xavier");
    const he = find("he");
    const tail = Math.max(1, Math.floor(s.iterations / 10));
    const claims = [];
    if (small !== undefined)
      claims.push({
        statement:
          "With weights of std 0.01 the net does not learn at all: the loss stays at ≈ 2.30",
        holds: Math.abs(small.end - LN10) < 0.05,
        evidence: `mean loss of the last ${tail} iterations ${small.end.toFixed(3)} (ln 10 = ${LN10.toFixed(3)}); test accuracy ${small.testAccuracy.toFixed(3)}`,
      });
    const good = [xavier, he].filter((r) => r !== undefined);
    if (good.length > 0)
      claims.push({
        statement:
          "With Xavier and He initial weights the net learns: the loss leaves the ln 10 plateau",
        holds: good.every((r) => r.end < 0.9 * LN10),
        evidence: `${good.map((r) => `${r.label}: loss ${r.end.toFixed(3)}, test accuracy ${r.testAccuracy.toFixed(3)}`).join("; ")} (learning: below 90% of ln 10, ${(0.9 * LN10).toFixed(2)})`,
      });
    if (xavier !== undefined && he !== undefined)
      claims.push({
        statement: "He learns faster than Xavier",
        holds: he.average < xavier.average,
        evidence: `mean loss over all ${s.iterations} iterations: He ${he.average.toFixed(3)}, Xavier ${xavier.average.toFixed(3)}`,
      });
    const step = Math.max(1, Math.floor(s.iterations / 1000));
    const every = <T>(values: readonly T[]) =>
      values.filter((_, i) => i % step === 0 || i === values.length - 1);
    return ctx.result({
      dataset: data.name,
      data: {
        runs: runs.map((r) => ({
          init: r.init,
          endLoss: r.end,
          meanLoss: r.average,
          testAccuracy: r.testAccuracy,
          smoothedLoss: every(r.smooth),
        })),
        lossStep: step,
      },
      plots: [
        {
          name: "loss",
          title: "Training loss per iteration for each initialisation",
          spec: lineChart({
            title: `Training loss per iteration by weight initialisation (${data.name})`,
            subtitle: `784-${s.hiddenSizes.join("-")}-10 ReLU, SGD lr ${s.lr}, batch ${s.batchSize}; smoothed like the book (11-point Kaiser window)`,
            x: { title: "iteration", format: "d" },
            y: { title: "cross-entropy loss (smoothed)", domain: [0, 2.5] },
            legend: "initial weights",
            points: false,
            series: runs.map((r) => ({
              name: r.label,
              points: every(r.smooth.map((y, i) => ({ x: i + 1, y }))),
            })),
          }),
        },
      ],
      claims,
      summary: runs.map(
        (r) =>
          `${r.label.padEnd(8)} loss ${mean(r.loss.slice(0, tail)).toFixed(3)} → ${r.end.toFixed(3)} (mean of the first and last ${tail} iterations), test accuracy ${r.testAccuracy.toFixed(4)}`,
      ),
    });
  },
};

// The book's hyperparameter-search objective (chapter 6.5) against a trial-shaped object: it
// samples both rates log-uniformly in the book's ranges, reports validation accuracy per epoch,
// keeps the curves, returns the last validation accuracy, and never touches the test set; the
// test set is scored once, by bookSearchTest. Plus the search plots' specs.
import {
  BOOK_SEARCH_CURVES_KEY,
  type BookSearchTrial,
  bookSearchObjective,
  bookSearchTest,
  optimizationHistory,
  parallelCoordinates,
  rangeStages,
  slicePlot,
} from "@backprop/experiments";
import { createRng } from "@backprop/random";
import type { Callback } from "@backprop/trainer";
import { describe, expect, it } from "vitest";
import { digits } from "./support.js";

const SMALL = { epochs: 4, hiddenLayers: 2, hiddenSize: 50 };

/** A trial of fixed values that records what the objective does with it. */
function trial(values: { lr: number; weight_decay: number }, number = 0) {
  const asked: Array<[string, number, number, boolean]> = [];
  const reports: Array<[number, number]> = [];
  const attrs: Record<string, unknown> = {};
  const t: BookSearchTrial = {
    number,
    suggestFloat: (name, low, high, options) => {
      asked.push([name, low, high, options?.log === true]);
      return values[name as "lr" | "weight_decay"];
    },
    report: (value, step) => void reports.push([value, step]),
    shouldPrune: () => false,
    setUserAttr: (key, value) => void (attrs[key] = value),
  };
  return { t, asked, reports, attrs };
}

describe("bookSearchObjective", () => {
  it("searches lr 1e-6…1e-2 and weight decay 1e-8…1e-4 log-uniformly, reports each epoch's validation accuracy and keeps the curves", async () => {
    const { train } = await digits();
    const objective = bookSearchObjective({ train, seed: 3, settings: SMALL });
    const { t, asked, reports, attrs } = trial({ lr: 0.05, weight_decay: 1e-6 });
    const accuracy = await objective(t);
    expect(asked).toEqual([
      ["lr", 1e-6, 1e-2, true],
      ["weight_decay", 1e-8, 1e-4, true],
    ]);
    expect(reports.map(([, step]) => step)).toEqual([1, 2, 3, 4]);
    expect(accuracy).toBe(reports.at(-1)![0]);
    // 100 validation rows (20% of 500): accuracies are multiples of 1/100.
    for (const [value] of reports)
      expect(Math.abs(value * 100 - Math.round(value * 100))).toBeLessThan(1e-9);
    const curves = attrs[BOOK_SEARCH_CURVES_KEY] as { validation: number[]; train: number[] };
    expect(curves.validation).toHaveLength(4);
    expect(curves.train).toHaveLength(4);
    // The same trial again gives the same accuracy (seeded rows, split, weights and batches).
    expect(await objective(trial({ lr: 0.05, weight_decay: 1e-6 }).t)).toBe(accuracy);
  });

  it("learns with a good rate and not with a tiny one, and takes narrowed ranges", async () => {
    const { train } = await digits();
    const objective = bookSearchObjective({
      train,
      seed: 1,
      settings: { ...SMALL, epochs: 8 },
      space: { lr: { low: 1e-3, high: 1e-1 }, weight_decay: { low: 1e-8, high: 1e-6 } },
    });
    const good = trial({ lr: 0.1, weight_decay: 1e-7 });
    const tiny = trial({ lr: 1e-3, weight_decay: 1e-7 });
    const [a, b] = [await objective(good.t), await objective(tiny.t)];
    expect(good.asked[0]).toEqual(["lr", 1e-3, 1e-1, true]);
    expect(a).toBeGreaterThan(b);
    expect(a).toBeGreaterThan(0.5);
  });

  it("passes the trainer callbacks it is given (a pruning callback stops the run)", async () => {
    const { train } = await digits();
    let epochs = 0;
    const stopAfterTwo = (): Callback[] => [
      {
        onEpochEnd: (logs, control) => {
          epochs = logs.epoch;
          if (logs.epoch === 2) control.stop("pruned");
        },
      },
    ];
    const objective = bookSearchObjective({
      train,
      seed: 2,
      settings: SMALL,
      callbacks: stopAfterTwo,
    });
    const { t, reports } = trial({ lr: 0.05, weight_decay: 1e-6 });
    await objective(t);
    expect(epochs).toBe(2);
    expect(reports).toEqual([]); // the given callbacks replace its own reporting
  });

  it("scores the chosen configuration on the test set once, after the search", async () => {
    const { train, test } = await digits();
    const result = await bookSearchTest({
      train,
      test,
      params: { lr: 0.1, weight_decay: 1e-7 },
      seed: 1,
      settings: SMALL,
    });
    expect(result.testCount).toBe(test.count);
    expect(result.testAccuracy).toBeGreaterThan(0.3);
  });
});

describe("search plots", () => {
  const rng = createRng(5);
  const trials = Array.from({ length: 30 }, (_, number) => {
    const lr = 10 ** (-6 + 4 * rng.uniform());
    const wd = 10 ** (-8 + 4 * rng.uniform());
    return {
      number,
      value: 1 - Math.abs(Math.log10(lr) + 2.5) / 4,
      params: { lr, weight_decay: wd },
    };
  });
  const axes = [
    { name: "lr", log: true },
    { name: "weight_decay", log: true },
  ];

  it("history: points and the best so far, never worse", () => {
    const spec = optimizationHistory({ title: "h", direction: "maximize", trials });
    const best = (spec.datasets as { best: Array<{ best: number }> }).best.map((b) => b.best);
    expect(best).toHaveLength(30);
    expect(best.every((b, i) => i === 0 || b >= best[i - 1]!)).toBe(true);
    expect(best.at(-1)).toBe(Math.max(...trials.map((t) => t.value)));
  });

  it("parallel coordinates: every axis scaled to [0, 1], log axes on the log scale", () => {
    const spec = parallelCoordinates({ title: "p", axes, trials });
    const rows = (spec.data as { values: Array<{ axis: string; position: number; trial: number }> })
      .values;
    expect(rows).toHaveLength(30 * 3);
    for (const axis of ["lr", "weight_decay", "objective value"]) {
      const p = rows.filter((r) => r.axis === axis).map((r) => r.position);
      expect([Math.min(...p), Math.max(...p)]).toEqual([0, 1]);
    }
  });

  it("slices and ranges: one panel per parameter", () => {
    expect((slicePlot({ title: "s", axes, trials }).hconcat as unknown[]).length).toBe(2);
    const spec = rangeStages({
      title: "r",
      log: ["lr", "weight_decay"],
      stages: [
        {
          stage: 1,
          ranges: { lr: { low: 1e-6, high: 1e-2 }, weight_decay: { low: 1e-8, high: 1e-4 } },
        },
        {
          stage: 2,
          ranges: { lr: { low: 1e-3, high: 1e-2 }, weight_decay: { low: 1e-8, high: 1e-6 } },
        },
      ],
    });
    expect((spec.vconcat as unknown[]).length).toBe(2);
  });
});

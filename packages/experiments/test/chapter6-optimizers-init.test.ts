import {
  EXPERIMENTS,
  initHistograms,
  initMnist,
  optimizers2d,
  optimizersMnist,
  smoothCurve,
} from "@backprop/experiments";
import { describe, expect, it } from "vitest";
import { fewDigits, holdsForMost, SEEDS, wellFormed } from "./support.js";

describe("smoothCurve", () => {
  it("is the book's smooth_curve: an 11-point Kaiser (β 2) average over the mirrored series", () => {
    // NumPy: x = [i % 3 for i in range(12)]; smooth_curve(x) from common/util.py.
    const x = Array.from({ length: 12 }, (_, i) => i % 3);
    const expected = [
      1.0151, 0.93267, 0.93598, 1.02469, 0.94755, 0.95466, 1.04534, 1.10489, 1.10085, 1.124,
      1.17202, 1.14979,
    ];
    const y = smoothCurve(x);
    expect(y).toHaveLength(12);
    for (const [i, v] of y.entries()) expect(v).toBeCloseTo(expected[i]!, 4);
    expect(smoothCurve([])).toEqual([]);
    expect(smoothCurve([2, 2, 2])).toEqual([2, 2, 2].map(() => expect.closeTo(2, 12)));
  });
});

describe("optimizers-2d", () => {
  it("SGD zig-zags; Momentum, AdaGrad and Adam move more directly; AdaGrad looks best (the book's numbers)", async () => {
    const results = [];
    for (const seed of SEEDS) results.push(await optimizers2d.run({ seed }));
    wellFormed(results[0]!);
    for (const claim of [0, 1, 2, 3, 4]) holdsForMost(results, claim, 5);
    const runs = results[0]!.data.runs as Array<{
      method: string;
      final: number[];
      ySignChanges: number;
    }>;
    // SGD with lr 0.95: y ← −0.9·y (a sign change every step), x ← 0.905·x.
    expect(runs[0]!.ySignChanges).toBe(30);
    expect(runs[0]!.final[0]).toBeCloseTo(-7 * 0.905 ** 30, 10);
    expect(runs[0]!.final[1]).toBeCloseTo(2 * (-0.9) ** 30, 10);
    // Adam's first step moves each coordinate by its learning rate (the book's lr_t at t = 1).
    const adam = results[0]!.data.runs as Array<{ path: number[][] }>;
    expect(adam[3]!.path[1]![0]).toBeCloseTo(-7 + 0.3, 5);
    expect(adam[3]!.path[1]![1]).toBeCloseTo(2 - 0.3, 5);
  });
});

describe("init-histograms", () => {
  it("sigmoid saturates at std 1 and collapses at 0.01, Xavier spreads; ReLU vanishes at 0.01, shrinks with Xavier, holds with He (4 of 5 seeds)", async () => {
    const results = [];
    for (const seed of SEEDS)
      results.push(await initHistograms.run({ seed, settings: { samples: 200 } }));
    wellFormed(results[0]!);
    expect(results[0]!.plots.map((p) => p.name)).toEqual(["sigmoid", "tanh", "relu", "spread"]);
    expect(results[0]!.claims).toHaveLength(7);
    for (const claim of [0, 1, 2, 3, 4, 5, 6]) holdsForMost(results, claim);
  });
});

describe("optimizers-mnist", () => {
  it("SGD learns slowest; AdaGrad looks a little faster than Momentum and Adam (4 of 5 seeds)", async () => {
    const data = await fewDigits(1000, 200);
    const results = [];
    for (const seed of SEEDS)
      results.push(
        await optimizersMnist.run({ seed, data, settings: { iterations: 100, batchSize: 16 } }),
      );
    wellFormed(results[0]!);
    for (const claim of [0, 1]) holdsForMost(results, claim);
  });
});

describe("init-mnist", () => {
  it("std 0.01 stays at ln 10; Xavier and He learn, He faster (4 of 5 seeds)", async () => {
    const data = await fewDigits(1000, 200);
    const results = [];
    for (const seed of SEEDS)
      results.push(
        await initMnist.run({ seed, data, settings: { iterations: 300, batchSize: 16 } }),
      );
    wellFormed(results[0]!);
    for (const claim of [0, 1, 2]) holdsForMost(results, claim);
  });
});

describe("the chapter 6.1–6.2 experiments in the registry", () => {
  it("are listed by name, in the order of the notes", () => {
    const names = Object.keys(EXPERIMENTS);
    const mine = ["optimizers-2d", "optimizers-mnist", "init-histograms", "init-mnist"];
    for (const name of mine) expect(names).toContain(name);
    expect(mine.map((n) => names.indexOf(n))).toEqual(
      [...mine.map((n) => names.indexOf(n))].sort((a, b) => a - b),
    );
  });
});

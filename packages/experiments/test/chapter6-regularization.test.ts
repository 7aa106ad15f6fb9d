import {
  batchnormGrid,
  dropout,
  type ExperimentResult,
  type OverfittingSettings,
  overfitting,
  weightDecay,
} from "@backprop/experiments";
import { describe, expect, it } from "vitest";
import { digits, holdsForMost, SEEDS, wellFormed } from "./support.js";

// The experiments draw their training rows at random from the seed, so they get all the embedded
// digits (`fewDigits` slices the first rows, and the embedded split is stored class by class).

/** A tiny overfitting set-up: 100 rows, the book's depth at half the width, 160 SGD steps, test on 300-row samples. */
const TINY: Partial<OverfittingSettings> = {
  trainSize: 100,
  hiddenLayers: 6,
  hiddenSize: 50,
  batchSize: 25,
  epochs: 40,
  lr: 0.05,
  testSample: 300,
};

const gapOf = (result: ExperimentResult<unknown>, run: string) =>
  (result.data[run] as { gap: number }).gap;

describe("batchnorm-grid", () => {
  it("BatchNorm reaches higher training accuracy at most scales of a reduced grid (4 of 5 seeds)", async () => {
    const data = await digits();
    const results = [];
    for (const seed of SEEDS)
      results.push(
        await batchnormGrid.run({
          seed,
          data,
          settings: { scales: 4, epochs: 6, trainSize: 500, hiddenSize: 50 },
        }),
      );
    wellFormed(results[0]!);
    expect((results[0]!.data.scales as unknown[]).length).toBe(4);
    for (const claim of [0, 1]) holdsForMost(results, claim);
  }, 60_000);
});

describe("overfitting, weight-decay, dropout", () => {
  it("without a regulariser train accuracy reaches 1 and a wide gap to test remains (4 of 5 seeds)", async () => {
    const data = await digits();
    const results = [];
    for (const seed of SEEDS) results.push(await overfitting.run({ seed, data, settings: TINY }));
    wellFormed(results[0]!);
    holdsForMost(results, 0);
    holdsForMost(results, 2);
    for (const r of results.filter((r) => r.claims[0]!.holds))
      expect(r.data.trainEnd as number).toBeGreaterThanOrEqual(0.99);
  }, 60_000);

  it("weight decay narrows the train–test gap of the same seed's run without it (4 of 5 seeds)", async () => {
    const data = await digits();
    const results = [];
    for (const seed of SEEDS)
      results.push(await weightDecay.run({ seed, data, settings: { ...TINY, lambda: 0.1 } }));
    wellFormed(results[0]!);
    holdsForMost(results, 0);
    holdsForMost(results, 1);
    expect(results.filter((r) => gapOf(r, "weightDecay") < gapOf(r, "baseline")).length).toBe(
      results.filter((r) => r.claims[0]!.holds).length,
    );
  }, 60_000);

  it("dropout narrows the train–test gap of the same seed's run without it (4 of 5 seeds)", async () => {
    const data = await digits();
    const results = [];
    for (const seed of SEEDS)
      results.push(await dropout.run({ seed, data, settings: { ...TINY, ratio: 0.15 } }));
    wellFormed(results[0]!);
    holdsForMost(results, 0);
    holdsForMost(results, 1);
    expect(results.filter((r) => gapOf(r, "dropout") < gapOf(r, "baseline")).length).toBe(
      results.filter((r) => r.claims[0]!.holds).length,
    );
  }, 60_000);
});

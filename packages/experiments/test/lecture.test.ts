import { batchnormExercise, lectureMnist, softmaxRegression, xor } from "@backprop/experiments";
import { describe, expect, it } from "vitest";
import { fewDigits, holdsForMost, SEEDS, wellFormed } from "./support.js";

describe("xor", () => {
  it("one layer learns AND/OR but not XOR; 2-2-1 reaches XOR loss < 0.01; 2-10-10-10-1 falls further", async () => {
    const results = [];
    for (const seed of SEEDS) results.push(await xor.run({ seed }));
    wellFormed(results[0]!);
    for (const claim of [0, 1, 2, 3]) holdsForMost(results, claim);
    for (const r of results.filter((r) => r.claims[2]!.holds))
      expect(
        (r.data.mlp as Record<string, { finalLoss: number }>)["2-2-1"]!.finalLoss,
      ).toBeLessThan(0.01);
  }, 120_000);
});

describe("softmax-regression", () => {
  it("the toy cost falls; MNIST softmax regression's cost falls every epoch and reaches ~90%", async () => {
    const data = await fewDigits(2000, 500);
    const results = [];
    for (const seed of SEEDS)
      results.push(await softmaxRegression.run({ seed, data, settings: { epochs: 3 } }));
    wellFormed(results[0]!);
    for (const claim of [0, 1, 2]) holdsForMost(results, claim);
  }, 120_000);
});

describe("lecture-mnist", () => {
  it("N(0,1) weights start with a huge cost and end below Xavier; dropout off in eval mode scores higher", async () => {
    const data = await fewDigits(3000, 500);
    const results = [];
    for (const seed of SEEDS)
      results.push(await lectureMnist.run({ seed, data, settings: { epochs: 3, deepWidth: 128 } }));
    wellFormed(results[0]!);
    for (const claim of [0, 1, 2]) holdsForMost(results, claim);
  }, 180_000);
});

describe("batchnorm-exercise", () => {
  it("the BatchNorm + Dropout net does well in eval mode; wider hidden layers reach a lower cost", async () => {
    const data = await fewDigits(3000, 500);
    const results = [];
    for (const seed of SEEDS)
      results.push(
        await batchnormExercise.run({
          seed,
          data,
          settings: {
            epochs: 3,
            sizes: [
              [100, 100],
              [300, 300],
            ],
          },
        }),
      );
    wellFormed(results[0]!);
    for (const claim of [0, 1]) holdsForMost(results, claim);
  }, 180_000);
});

import {
  createStudy,
  type FrozenTrial,
  type JsonValue,
  medianPruner,
  type Pruner,
  percentilePruner,
  randomSampler,
  type StudyDirection,
  successiveHalvingPruner,
  TrialPruned,
} from "@backprop/hpo";
import { describe, expect, it } from "vitest";

/** A trial with the given intermediate values (step → value). */
function trial(
  number: number,
  state: FrozenTrial["state"],
  intermediate: Record<number, number>,
  systemAttrs: Record<string, JsonValue> = {},
): FrozenTrial {
  return {
    number,
    trialId: number,
    state,
    value: undefined,
    values: undefined,
    params: {},
    distributions: {},
    userAttrs: {},
    systemAttrs,
    intermediateValues: intermediate,
    datetimeStart: undefined,
    datetimeComplete: undefined,
  };
}

/** Curves of finished trials: trial i reports value(i, step) at steps 0..steps-1. */
function finished(
  n: number,
  steps: number,
  value: (i: number, step: number) => number,
): FrozenTrial[] {
  return Array.from({ length: n }, (_, i) =>
    trial(
      i,
      "COMPLETE",
      Object.fromEntries(Array.from({ length: steps }, (_, s) => [s, value(i, s)])),
    ),
  );
}

function decide(
  pruner: Pruner,
  direction: StudyDirection,
  others: FrozenTrial[],
  current: FrozenTrial,
) {
  const written: Array<[string, JsonValue]> = [];
  const prune = pruner.prune({
    study: { direction, trials: others },
    trial: current,
    setTrialSystemAttr: (k, v) => void written.push([k, v]),
  });
  return { prune, written };
}

describe("median pruner", () => {
  // Five finished trials with values 1..5 at every step (minimize): the median is 3.
  const done = finished(5, 10, (i) => i + 1);

  it("prunes a trial whose best value so far is worse than the median at its step", () => {
    const p = medianPruner();
    expect(decide(p, "minimize", done, trial(9, "RUNNING", { 0: 2.5 })).prune).toBe(false);
    expect(decide(p, "minimize", done, trial(9, "RUNNING", { 0: 3.5 })).prune).toBe(true);
    // The best so far counts, not the last value.
    expect(decide(p, "minimize", done, trial(9, "RUNNING", { 0: 1, 1: 4 })).prune).toBe(false);
    expect(decide(p, "minimize", done, trial(9, "RUNNING", { 0: 3 })).prune).toBe(false); // ties are kept
    // Maximize: keep the large ones.
    expect(decide(p, "maximize", done, trial(9, "RUNNING", { 0: 3.5 })).prune).toBe(false);
    expect(decide(p, "maximize", done, trial(9, "RUNNING", { 0: 2.5 })).prune).toBe(true);
    // All NaN: pruned.
    expect(decide(p, "minimize", done, trial(9, "RUNNING", { 0: Number.NaN })).prune).toBe(true);
  });

  it("waits for nStartupTrials COMPLETE trials, nWarmupSteps, and decides every intervalSteps", () => {
    expect(
      decide(medianPruner({ nStartupTrials: 6 }), "minimize", done, trial(9, "RUNNING", { 0: 9 }))
        .prune,
    ).toBe(false);
    const warm = medianPruner({ nWarmupSteps: 3 });
    expect(decide(warm, "minimize", done, trial(9, "RUNNING", { 2: 9 })).prune).toBe(false);
    expect(decide(warm, "minimize", done, trial(9, "RUNNING", { 2: 9, 3: 9 })).prune).toBe(true);
    const every3 = medianPruner({ intervalSteps: 3 });
    expect(decide(every3, "minimize", done, trial(9, "RUNNING", { 0: 9 })).prune).toBe(true);
    expect(decide(every3, "minimize", done, trial(9, "RUNNING", { 0: 9, 1: 9 })).prune).toBe(false);
    expect(
      decide(every3, "minimize", done, trial(9, "RUNNING", { 0: 9, 1: 9, 2: 9, 3: 9 })).prune,
    ).toBe(true);
    // A step only two finished trials reached: nMinTrials 3 keeps the trial.
    const sparse = [
      ...done.slice(0, 3),
      ...finished(2, 20, () => 1).map((t, i) => ({ ...t, number: 3 + i, trialId: 3 + i })),
    ];
    expect(
      decide(medianPruner({ nMinTrials: 3 }), "minimize", sparse, trial(9, "RUNNING", { 15: 5 }))
        .prune,
    ).toBe(false);
    expect(
      decide(medianPruner({ nMinTrials: 2 }), "minimize", sparse, trial(9, "RUNNING", { 15: 5 }))
        .prune,
    ).toBe(true);
    // Only COMPLETE trials are compared against (a PRUNED or RUNNING one is not).
    const mostlyPruned = [
      ...done.slice(0, 4).map((t) => ({ ...t, state: "PRUNED" as const })),
      done[4]!,
    ];
    expect(
      decide(
        medianPruner({ nStartupTrials: 1 }),
        "minimize",
        mostlyPruned,
        trial(9, "RUNNING", { 0: 4.5 }),
      ).prune,
    ).toBe(false);
  });

  it("the percentile pruner keeps the top percentile", () => {
    // values 1..5: the 25th percentile is 2 (minimize); for maximize the 75th is 4.
    const p = percentilePruner({ percentile: 25, nStartupTrials: 1 });
    expect(decide(p, "minimize", done, trial(9, "RUNNING", { 0: 2 })).prune).toBe(false);
    expect(decide(p, "minimize", done, trial(9, "RUNNING", { 0: 2.1 })).prune).toBe(true);
    expect(decide(p, "maximize", done, trial(9, "RUNNING", { 0: 4 })).prune).toBe(false);
    expect(decide(p, "maximize", done, trial(9, "RUNNING", { 0: 3.9 })).prune).toBe(true);
    expect(() => percentilePruner({ percentile: 120 })).toThrow(
      /Option 'percentile' of 'percentilePruner'/,
    );
    expect(() => medianPruner({ intervalSteps: 0 })).toThrow(/Option 'intervalSteps'/);
  });
});

describe("successive halving (ASHA)", () => {
  it("promotes the top 1/η at each rung and records the rungs a trial passed", () => {
    // η = 2, min resource 1: rungs at steps 1, 2, 4, 8.
    const p = successiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const rung0 = [0.9, 0.8, 0.7].map((v, i) => trial(i, "COMPLETE", {}, { completed_rung_0: v }));
    // Step 0 is below the first rung: no decision, nothing recorded.
    expect(decide(p, "maximize", rung0, trial(9, "RUNNING", { 0: 0.1 }))).toEqual({
      prune: false,
      written: [],
    });
    // At step 1 a value in the top half goes on.
    expect(decide(p, "maximize", rung0, trial(9, "RUNNING", { 1: 0.85 }))).toEqual({
      prune: false,
      written: [["completed_rung_0", 0.85]],
    });
    // The bottom half stops (value recorded at the rung first, as Optuna does).
    expect(decide(p, "maximize", rung0, trial(9, "RUNNING", { 1: 0.75 }))).toEqual({
      prune: true,
      written: [["completed_rung_0", 0.75]],
    });
    // Minimize mirrors it.
    expect(decide(p, "minimize", rung0, trial(9, "RUNNING", { 1: 0.75 })).prune).toBe(false);
    expect(decide(p, "minimize", rung0, trial(9, "RUNNING", { 1: 0.85 })).prune).toBe(true);
  });

  it("climbs several rungs in one decision when a trial reports late, and prunes NaN", () => {
    const p = successiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const others = [0.5, 0.4].map((v, i) =>
      trial(i, "COMPLETE", {}, { completed_rung_0: v, completed_rung_1: v }),
    );
    const late = decide(p, "maximize", others, trial(9, "RUNNING", { 2: 0.9 }));
    expect(late).toEqual({
      prune: false,
      written: [
        ["completed_rung_0", 0.9],
        ["completed_rung_1", 0.9],
      ],
    });
    // A trial that passed rung 0 already is next judged at rung 1 (step 2).
    const passed = trial(9, "RUNNING", { 1: 0.9, 2: 0.1 }, { completed_rung_0: 0.9 });
    expect(decide(p, "maximize", others, passed)).toEqual({
      prune: true,
      written: [["completed_rung_1", 0.1]],
    });
    expect(decide(p, "maximize", others, trial(9, "RUNNING", { 1: Number.NaN })).prune).toBe(true);
  });

  it("estimates the minimum resource from the first COMPLETE trial, and bootstraps", () => {
    const auto = successiveHalvingPruner({ reductionFactor: 3 });
    expect(decide(auto, "minimize", [], trial(9, "RUNNING", { 5: 1 })).prune).toBe(false); // nothing to estimate from
    const long = trial(0, "COMPLETE", { 499: 0.1 });
    // min resource = 499 // 100 = 4: step 3 is below the first rung, step 4 is on it.
    expect(decide(auto, "minimize", [long], trial(9, "RUNNING", { 3: 1 })).written).toEqual([]);
    expect(decide(auto, "minimize", [long], trial(9, "RUNNING", { 4: 1 })).written).toEqual([
      ["completed_rung_0", 1],
    ]);
    const boot = successiveHalvingPruner({ minResource: 1, bootstrapCount: 2 });
    expect(decide(boot, "minimize", [], trial(9, "RUNNING", { 1: 0 })).prune).toBe(true);
    expect(() => successiveHalvingPruner({ reductionFactor: 1 })).toThrow(
      /Option 'reductionFactor'/,
    );
  });

  it("prunes most of a study's bad trials and keeps the good ones, in a real study", async () => {
    const study = await createStudy({
      studyName: "asha",
      direction: "maximize",
      seed: 3,
      sampler: randomSampler(),
      pruner: successiveHalvingPruner({ minResource: 1, reductionFactor: 3 }),
    });
    await study.optimize(
      (t) => {
        const quality = t.suggestFloat("quality", 0, 1);
        for (let epoch = 1; epoch <= 27; epoch++) {
          t.report(quality * (1 - 1 / (epoch + 1)), epoch);
          if (t.shouldPrune()) throw new TrialPruned();
        }
        return quality;
      },
      { nTrials: 40 },
    );
    const pruned = study.trials.filter((t) => t.state === "PRUNED");
    const complete = study.trials.filter((t) => t.state === "COMPLETE");
    expect(pruned.length).toBeGreaterThan(20);
    const meanQ = (ts: readonly FrozenTrial[]) =>
      ts.reduce((s, t) => s + (t.params.quality as number), 0) / ts.length;
    expect(meanQ(complete)).toBeGreaterThan(meanQ(pruned));
    expect(pruned.every((t) => typeof t.systemAttrs.completed_rung_0 === "number")).toBe(true);
  });
});

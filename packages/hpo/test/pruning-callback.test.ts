import {
  createStudy,
  type EpochLogsLike,
  FixedTrial,
  medianPruner,
  type PruningCallback,
  pruningCallback,
  randomSampler,
  type TrainingControlLike,
  type Trial,
  TrialPruned,
} from "@backprop/hpo";
import { describe, expect, it } from "vitest";

// The shapes of @backprop/trainer's EpochLogs, TrainingControl and Callback that matter here,
// copied from packages/trainer/src/types.ts (hpo may not import the trainer, not even in tests).
// If the pruning callback stops fitting them, this file stops type-checking.
interface TrainerEpochLogs {
  readonly epoch: number;
  readonly iteration: number;
  readonly lr: number;
  readonly loss: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly samplesPerSecond: number;
}
interface TrainerControl {
  readonly epochs: number;
  readonly epoch: number;
  readonly iteration: number;
  lr: number;
  stop(reason: string): void;
  readonly stopping: boolean;
}
interface TrainerFitResult {
  readonly stopReason: "completed" | "stopped" | "aborted";
  readonly stopMessage?: string;
}
interface TrainerCallback {
  readonly name?: string;
  onEpochEnd?(logs: TrainerEpochLogs, control: TrainerControl): void | Promise<void>;
  onTrainEnd?(result: TrainerFitResult, control: TrainerControl): void | Promise<void>;
}

/** A stand-in for `fit`: the trainer's epoch loop and callback order, with a scripted metric. */
async function fakeFit(
  callbacks: readonly TrainerCallback[],
  accuracy: (epoch: number) => number,
  epochs = 10,
): Promise<TrainerFitResult & { epochsRun: number }> {
  let stopMessage: string | undefined;
  const control: TrainerControl = {
    epochs,
    epoch: 0,
    iteration: 0,
    lr: 0.1,
    stop: (reason) => void (stopMessage = reason),
    get stopping() {
      return stopMessage !== undefined;
    },
  };
  let epoch = 0;
  while (epoch < epochs && stopMessage === undefined) {
    epoch++;
    const logs: TrainerEpochLogs = {
      epoch,
      iteration: epoch * 10,
      lr: 0.1,
      loss: 1 / epoch,
      metrics: { "train.accuracy": accuracy(epoch), "validation.accuracy": accuracy(epoch) },
      seconds: 0.1,
      samplesPerSecond: 1000,
    };
    for (const cb of callbacks) await cb.onEpochEnd?.(logs, control);
  }
  const result: TrainerFitResult =
    stopMessage === undefined
      ? { stopReason: "completed" }
      : { stopReason: "stopped", stopMessage };
  for (const cb of callbacks) await cb.onTrainEnd?.(result, control);
  return { ...result, epochsRun: epoch };
}

describe("pruningCallback", () => {
  it("fits the trainer's Callback interface structurally", () => {
    const callback: TrainerCallback = pruningCallback(new FixedTrial({}), {
      monitor: "validation.accuracy",
    });
    const logs: EpochLogsLike = { epoch: 1, metrics: {} };
    const control: TrainingControlLike = { stop: () => {} };
    expect([typeof callback.onEpochEnd, logs.epoch, typeof control.stop]).toEqual([
      "function",
      1,
      "function",
    ]);
  });

  it("reports the monitored metric per epoch, stops a pruned run, and the trial ends PRUNED", async () => {
    const study = await createStudy({
      studyName: "fit",
      direction: "maximize",
      seed: 4,
      sampler: randomSampler(),
      pruner: medianPruner({ nStartupTrials: 2, nWarmupSteps: 2 }),
    });
    const quality = [0.9, 0.8, 0.2, 0.95];
    const runs: Array<{ epochsRun: number; stopMessage?: string; pruned: boolean }> = [];
    await study.optimize(
      async (trial: Trial) => {
        const q = quality[trial.number]!;
        const callback = pruningCallback(trial, { monitor: "validation.accuracy" });
        try {
          const result = await fakeFit([callback], (epoch) => q * (1 - 0.5 / epoch));
          runs.push({ epochsRun: result.epochsRun, pruned: callback.pruned });
          return q;
        } catch (e) {
          runs.push({ epochsRun: callback.prunedAtEpoch!, pruned: callback.pruned });
          throw e;
        }
      },
      { nTrials: quality.length },
    );
    expect(study.trials.map((t) => t.state)).toEqual([
      "COMPLETE",
      "COMPLETE",
      "PRUNED",
      "COMPLETE",
    ]);
    // Trial 2 was stopped after epoch 2 (the end of the warm-up), not trained to the end.
    expect(runs.map((r) => [r.epochsRun, r.pruned])).toEqual([
      [10, false],
      [10, false],
      [2, true],
      [10, false],
    ]);
    const curve = (q: number, epoch: number) => q * (1 - 0.5 / epoch);
    expect(study.trials[2]!.intermediateValues).toEqual({ 1: curve(0.2, 1), 2: curve(0.2, 2) });
    expect(study.trials[2]!.value).toBe(curve(0.2, 2));
    expect(Object.keys(study.trials[0]!.intermediateValues)).toHaveLength(10);
  });

  it("makes the training call reject with TrialPruned, naming the epoch and the metric", async () => {
    const trial = Object.assign(new FixedTrial({}, { number: 5 }), { shouldPrune: () => true });
    const callback: PruningCallback = pruningCallback(trial, { monitor: "validation.accuracy" });
    const error = await fakeFit([callback], () => 0.5).catch((e: unknown) => e);
    expect(TrialPruned.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Trial 5 was pruned after epoch 1 (validation.accuracy = 0.5)",
    );
    expect(callback.prunedAtEpoch).toBe(1);
  });

  it("names the metrics the run has when the monitor is not among them", async () => {
    const callback = pruningCallback(new FixedTrial({}), { monitor: "val_acc" });
    await expect(fakeFit([callback], () => 0.5)).rejects.toThrow(
      "Option 'monitor' of 'pruningCallback' must be a metric the run reports (train.accuracy, validation.accuracy); got \"val_acc\"",
    );
    expect(() => pruningCallback(new FixedTrial({}), { monitor: "" })).toThrow(/Option 'monitor'/);
  });
});

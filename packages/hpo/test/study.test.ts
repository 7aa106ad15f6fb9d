import { InvalidOptionError } from "@backprop/errors";
import {
  createStudy,
  DuplicatedStudyError,
  FixedTrial,
  inMemoryStorage,
  loadStudy,
  NoCompletedTrialsError,
  nopPruner,
  randomSampler,
  StudyNotFoundError,
  type Trial,
  TrialFailedError,
  TrialPruned,
} from "@backprop/hpo";
import { describe, expect, it } from "vitest";
import { sleep, warnings } from "./support.js";

const base = {
  direction: "minimize" as const,
  seed: 1,
  sampler: randomSampler(),
  pruner: nopPruner(),
};

describe("define-by-run trials", () => {
  it("suggests floats (linear, log, stepped), integers (step, log) and categorical values in range", async () => {
    const study = await createStudy({ ...base, studyName: "kinds" });
    await study.optimize(
      (t) => {
        const a = t.suggestFloat("a", -1, 1);
        const lr = t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
        const q = t.suggestFloat("q", 0, 1, { step: 0.1 });
        const n = t.suggestInt("n", 50, 200, { step: 50 });
        const m = t.suggestInt("m", 1, 1000, { log: true });
        const act = t.suggestCategorical("act", ["relu", "tanh", null, 3, true]);
        expect(a >= -1 && a <= 1).toBe(true);
        expect(lr >= 1e-6 && lr <= 1e-2).toBe(true);
        expect(Math.round(q * 10) / 10).toBe(q);
        expect([50, 100, 150, 200]).toContain(n);
        expect(Number.isInteger(m) && m >= 1 && m <= 1000).toBe(true);
        expect(["relu", "tanh", null, 3, true]).toContain(act);
        return a;
      },
      { nTrials: 30 },
    );
    expect(study.trials).toHaveLength(30);
    const t = study.trials[0]!;
    expect(t.distributions).toEqual({
      a: { type: "float", low: -1, high: 1, log: false, step: null },
      lr: { type: "float", low: 1e-6, high: 1e-2, log: true, step: null },
      q: { type: "float", low: 0, high: 1, log: false, step: 0.1 },
      n: { type: "int", low: 50, high: 200, log: false, step: 50 },
      m: { type: "int", low: 1, high: 1000, log: true, step: 1 },
      act: { type: "categorical", choices: ["relu", "tanh", null, 3, true] },
    });
    // Log-uniform: about as many below 1e-4 as above.
    const below = study.trials.filter((x) => (x.params.lr as number) < 1e-4).length;
    expect(below).toBeGreaterThan(5);
    expect(below).toBeLessThan(25);
  });

  it("aligns a stepped range's high end down to the grid, as Optuna does", async () => {
    const study = await createStudy({ ...base, studyName: "align" });
    await study.optimize(
      (t) => t.suggestFloat("x", 0, 1.05, { step: 0.1 }) + t.suggestInt("k", 0, 10, { step: 3 }),
      { nTrials: 1 },
    );
    expect(study.trials[0]!.distributions.x).toMatchObject({ high: 1 });
    expect(study.trials[0]!.distributions.k).toMatchObject({ high: 9 });
  });

  it("returns the same value for the same name twice and rejects a different range for it", async () => {
    const study = await createStudy({ ...base, studyName: "twice", onWarning: () => {} });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        expect(t.suggestFloat("x", 0, 1)).toBe(x);
        expect(() => t.suggestFloat("x", 0, 2)).toThrow(/suggestFloat\('x'\)/);
        return x;
      },
      { nTrials: 1, stopOnFail: true },
    );
  });

  it("rejects bad arguments with an error naming the option", () => {
    const t = new FixedTrial({ x: 1 });
    expect(() => t.suggestFloat("x", 1, 0)).toThrow(
      /Option 'high' of 'suggestFloat\('x'\)' must be a number >= low/,
    );
    expect(() => t.suggestFloat("x", 0, 1, { log: true })).toThrow(
      /Option 'low'.*> 0 when log is true/,
    );
    expect(() => t.suggestFloat("x", 1, 2, { log: true, step: 0.5 })).toThrow(/Option 'step'/);
    expect(() => t.suggestInt("x", 0.5, 2)).toThrow(
      /Option 'low' of 'suggestInt\('x'\)' must be a safe integer/,
    );
    expect(() => t.suggestInt("x", 1, 9, { log: true, step: 2 })).toThrow(
      /Option 'step'.*1 when log is true/,
    );
    expect(() => t.suggestCategorical("x", [])).toThrow(/Option 'choices'/);
    expect(() => t.suggestCategorical("x", [{} as never])).toThrow(/choices\[0\]/);
    expect(() => t.suggestFloat("__proto__", 0, 1)).toThrow(InvalidOptionError);
    expect(() => t.report(Number.NaN, -1)).toThrow(/Option 'step' of 'report'/);
    expect(() => t.setUserAttr("f", (() => 1) as never)).toThrow(/must be a JSON value/);
  });

  it("rejects a parameter whose kind or log scale differs from earlier trials'", async () => {
    const study = await createStudy({ ...base, studyName: "compat", onWarning: () => {} });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 1 });
    const result = study.optimize((t) => t.suggestInt("x", 0, 1), { nTrials: 1, stopOnFail: true });
    await expect(result).rejects.toThrow(/float parameter before and may not become a int one/);
    await expect(
      study.optimize((t) => t.suggestFloat("x", 1e-3, 1, { log: true }), {
        nTrials: 1,
        stopOnFail: true,
      }),
    ).rejects.toThrow(/log: false before/);
    // A narrower range of the same kind is fine (narrowing relies on it).
    await study.optimize((t) => t.suggestFloat("x", 0.2, 0.3), { nTrials: 1, stopOnFail: true });
  });
});

describe("trial outcomes", () => {
  it("records COMPLETE, PRUNED (with the last value), and FAIL with the reason for NaN, non-numbers and errors", async () => {
    const w = warnings();
    const study = await createStudy({ ...base, studyName: "states", onWarning: w.onWarning });
    const outcomes: Array<(t: Trial) => unknown> = [
      () => 1.5,
      (t) => {
        t.report(0.7, 0);
        t.report(0.6, 1);
        throw new TrialPruned();
      },
      () => Number.NaN,
      () => "0.5",
      () => {
        throw new RangeError("diverged");
      },
      () => Number.POSITIVE_INFINITY,
      () => {
        throw new TrialPruned();
      },
    ];
    let i = 0;
    const result = await study.optimize((t) => outcomes[i++]!(t) as number, {
      nTrials: outcomes.length,
    });
    expect(result.stopReason).toBe("completed");
    expect(study.trials.map((t) => [t.state, t.value])).toEqual([
      ["COMPLETE", 1.5],
      ["PRUNED", 0.6],
      ["FAIL", undefined],
      ["FAIL", undefined],
      ["FAIL", undefined],
      ["COMPLETE", Number.POSITIVE_INFINITY],
      ["PRUNED", undefined],
    ]);
    expect(study.trials.map((t) => t.systemAttrs.fail_reason)).toEqual([
      undefined,
      undefined,
      "the objective returned NaN",
      'the objective returned "0.5", not a number',
      "RangeError: diverged",
      undefined,
      undefined,
    ]);
    expect(w.list.filter((m) => m.includes("failed"))).toHaveLength(3);
    expect(study.trials[1]!.intermediateValues).toEqual({ 0: 0.7, 1: 0.6 });
    expect(
      study.trials.every(
        (t) => t.datetimeStart instanceof Date && t.datetimeComplete instanceof Date,
      ),
    ).toBe(true);
  });

  it("stops at the first failure with stopOnFail, after recording it", async () => {
    const study = await createStudy({ ...base, studyName: "strict", onWarning: () => {} });
    const error = await study
      .optimize(
        () => {
          throw new Error("boom");
        },
        { nTrials: 5, stopOnFail: true },
      )
      .catch((e: unknown) => e);
    expect(TrialFailedError.isInstance(error)).toBe(true);
    expect((error as TrialFailedError).cause).toBeInstanceOf(Error);
    expect(study.trials.map((t) => t.state)).toEqual(["FAIL"]);
  });
});

describe("the study", () => {
  it("knows its best trial, value, parameters and top k in either direction", async () => {
    for (const direction of ["minimize", "maximize"] as const) {
      const study = await createStudy({ ...base, direction, studyName: direction });
      expect(() => study.bestTrial).toThrow(NoCompletedTrialsError);
      const values = [3, 1, 4, 1, 5, 9, 2, 6];
      let i = 0;
      await study.optimize(
        (t) => {
          t.suggestInt("i", 0, 100);
          return values[i++]!;
        },
        { nTrials: values.length },
      );
      const order = direction === "minimize" ? [1, 3, 6, 0] : [5, 7, 4, 2];
      expect(study.topK(4).map((t) => t.number)).toEqual(order);
      expect(study.bestTrial.number).toBe(order[0]);
      expect(study.bestValue).toBe(direction === "minimize" ? 1 : 9);
      expect(study.bestParams).toEqual(study.trials[order[0]!]!.params);
    }
  });

  it("runs enqueued trials first, with their fixed parameters and user attributes", async () => {
    const study = await createStudy({ ...base, studyName: "enqueue" });
    await study.enqueueTrial({ lr: 0.001, act: "tanh" }, { userAttrs: { source: "paper" } });
    await study.enqueueTrial({ lr: 0.001, act: "tanh" }, { skipIfExists: true });
    await study.enqueueTrial({ lr: 0.01 });
    expect(study.trials.map((t) => t.state)).toEqual(["WAITING", "WAITING"]);
    await study.optimize(
      (t) =>
        t.suggestFloat("lr", 1e-6, 1e-2, { log: true }) +
        (t.suggestCategorical("act", ["relu", "tanh"]) === "relu" ? 0 : 1),
      { nTrials: 3 },
    );
    expect(study.trials.map((t) => t.params)).toEqual([
      { lr: 0.001, act: "tanh" },
      { lr: 0.01, act: expect.any(String) },
      { lr: expect.any(Number), act: expect.any(String) },
    ]);
    expect(study.trials[0]!.userAttrs).toEqual({ source: "paper" });
    expect(study.trials[0]!.systemAttrs.fixed_params).toEqual({ lr: 0.001, act: "tanh" });
  });

  it("keeps user attributes of trials and of the study", async () => {
    const study = await createStudy({ ...base, studyName: "attrs" });
    await study.setUserAttr("dataset", { name: "mnist", split: [0.8, 0.2] });
    await study.optimize(
      (t) => {
        const value = { epochs: [1, 2] };
        t.setUserAttr("curve", value);
        value.epochs.push(3); // a later change does not reach the storage
        expect(t.userAttrs.curve).toEqual({ epochs: [1, 2] });
        return 0;
      },
      { nTrials: 1 },
    );
    expect(study.userAttrs).toEqual({ dataset: { name: "mnist", split: [0.8, 0.2] } });
    expect(study.trials[0]!.userAttrs).toEqual({ curve: { epochs: [1, 2] } });
    expect(study.systemAttrs["backprop:seed"]).toBe(1);
  });

  it("stops on study.stop(), a timeout, an abort signal, and refuses workers > 1 with a function", async () => {
    const study = await createStudy({ ...base, studyName: "stops", onWarning: () => {} });
    const stopped = await study.optimize((t) => t.suggestFloat("x", 0, 1), {
      nTrials: 10,
      callbacks: [(s, trial) => void (trial.number === 2 && s.stop())],
    });
    expect([stopped.stopReason, stopped.trials.length]).toEqual(["stopped", 3]);
    const timedOut = await study.optimize((t) => t.suggestFloat("x", 0, 1), { timeout: 0 });
    expect([timedOut.stopReason, timedOut.trials.length]).toEqual(["timeout", 0]);
    const controller = new AbortController();
    const aborted = await study.optimize(
      async (t) => {
        controller.abort();
        expect(t.signal?.aborted).toBe(true);
        return 1;
      },
      { nTrials: 10, signal: controller.signal },
    );
    expect(aborted.stopReason).toBe("aborted");
    expect(aborted.trials.map((t) => [t.state, t.systemAttrs.fail_reason])).toEqual([
      ["FAIL", "aborted by the signal before the trial ended"],
    ]);
    await expect(study.optimize(() => 1, { workers: 2 })).rejects.toThrow(
      /Option 'objective' of 'optimize'.*workers: 2/,
    );
    await expect(study.optimize(() => 1, { nTrials: -1 })).rejects.toThrow(/Option 'nTrials'/);
  });

  it("creates, refuses duplicates, loads (seed included) and reports missing studies", async () => {
    const storage = inMemoryStorage();
    await createStudy({ ...base, storage, studyName: "s", seed: 77 });
    await expect(createStudy({ ...base, storage, studyName: "s" })).rejects.toThrow(
      DuplicatedStudyError,
    );
    const w = warnings();
    const again = await createStudy({
      ...base,
      storage,
      studyName: "s",
      loadIfExists: true,
      onWarning: w.onWarning,
    });
    expect(again.seed).toBe(77);
    expect(w.list).toEqual([
      'loadStudy: study "s" was created with seed 77, which it keeps (not 1)',
    ]);
    expect((await loadStudy({ storage, studyName: "s" })).seed).toBe(77);
    await expect(loadStudy({ storage, studyName: "t" })).rejects.toThrow(StudyNotFoundError);
    await expect(createStudy({ ...base, studyName: "x", seed: 1.5 })).rejects.toThrow(
      /Option 'seed' of 'createStudy'/,
    );
    await expect(
      createStudy({ ...base, studyName: "x", direction: "up" as never }),
    ).rejects.toThrow(/Option 'direction'/);
    await expect(createStudy({ ...base, storage: "redis://x", studyName: "x" })).rejects.toThrow(
      /Option 'storage' of 'openStorage'/,
    );
    // A database that does not answer: a StorageError naming the URL (its password hidden).
    await expect(
      createStudy({ ...base, storage: "postgres://me:secret@127.0.0.1:1/test", studyName: "x" }),
    ).rejects.toThrow(
      /^open on 'postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/test' failed: .*ECONNREFUSED/,
    );
  });

  it("warns about a step reported twice and keeps the first value", async () => {
    const w = warnings();
    const study = await createStudy({
      ...base,
      studyName: "twice-reported",
      onWarning: w.onWarning,
    });
    await study.optimize(
      (t) => {
        t.report(1, 0);
        t.report(2, 0);
        return 0;
      },
      { nTrials: 1 },
    );
    expect(study.trials[0]!.intermediateValues).toEqual({ 0: 1 });
    expect(w.list).toEqual(["Trial 0: step 0 was reported already; the value 2 is ignored"]);
  });

  it("keeps going when another process ended the running trial (a stale heartbeat), with a warning", async () => {
    const w = warnings();
    const study = await createStudy({
      studyName: "elsewhere",
      direction: "minimize",
      seed: 1,
      onWarning: w.onWarning,
    });
    const result = await study.optimize(
      async (trial) => {
        trial.suggestFloat("x", 0, 1);
        await trial.flush();
        if (trial.number === 0) {
          const [running] = await study.storage.getAllTrials(study.studyId, {
            states: ["RUNNING"],
          });
          await study.storage.setTrialSystemAttr(running!.trialId, "fail_reason", "no heartbeat");
          await study.storage.setTrialStateValues(running!.trialId, "FAIL");
        }
        return 1;
      },
      { nTrials: 2 },
    );
    expect(result.trials.map((t) => t.state)).toEqual(["FAIL", "COMPLETE"]);
    expect(
      w.list.some((m) => /Trial 0 was ended FAIL by another process.*no heartbeat/.test(m)),
    ).toBe(true);
  });

  it("records heartbeats as system attributes and fails trials whose heartbeat stopped", async () => {
    const storage = inMemoryStorage();
    const study = await createStudy({ ...base, storage, studyName: "beats" });
    let seen: unknown;
    await study.optimize(
      async (t) => {
        await sleep(30);
        await t.flush();
        seen = (await storage.getAllTrials(study.studyId))[0]!.systemAttrs["backprop:heartbeat"];
        return 0;
      },
      { nTrials: 1, heartbeatInterval: 0.01 },
    );
    expect(typeof seen).toBe("string");
    // A trial left RUNNING by a dead worker, its last heartbeat an hour ago.
    const { trialId } = await storage.createTrial(study.studyId);
    await storage.setTrialSystemAttr(
      trialId,
      "backprop:heartbeat",
      new Date(Date.now() - 3_600_000).toISOString(),
    );
    const fresh = await storage.createTrial(study.studyId);
    await storage.setTrialSystemAttr(fresh.trialId, "backprop:heartbeat", new Date().toISOString());
    expect(await study.failStaleTrials({ gracePeriod: 60 })).toEqual([1]);
    expect(study.trials.map((t) => t.state)).toEqual(["COMPLETE", "FAIL", "RUNNING"]);
    expect(study.trials[1]!.systemAttrs.fail_reason).toMatch(/^no heartbeat for \d+/);
  });
});

describe("FixedTrial", () => {
  it("runs an objective with given values, records reports and never prunes", () => {
    const trial = new FixedTrial({ x: 2, act: "relu" }, { number: 3 });
    const objective = (t: Trial) => {
      const x = t.suggestFloat("x", 0, 10);
      const act = t.suggestCategorical("act", ["relu", "tanh"]);
      t.report(x, 0);
      t.setUserAttr("note", act);
      return t.shouldPrune() ? -1 : x * 2;
    };
    expect(objective(trial)).toBe(4);
    expect([trial.number, trial.params, trial.intermediateValues, trial.userAttrs]).toEqual([
      3,
      { x: 2, act: "relu" },
      { 0: 2 },
      { note: "relu" },
    ]);
    expect(() => new FixedTrial({}).suggestInt("n", 0, 1)).toThrow(/params\.n/);
    expect(() => new FixedTrial({ act: "elu" }).suggestCategorical("act", ["relu"])).toThrow(
      /params\.act/,
    );
    const w = warnings();
    expect(new FixedTrial({ x: 20 }, { onWarning: w.onWarning }).suggestFloat("x", 0, 10)).toBe(20);
    expect(w.list[0]).toMatch(/outside the range of 'x'/);
  });
});

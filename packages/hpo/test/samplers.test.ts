import {
  createStudy,
  type Distribution,
  type FrozenTrial,
  gridSampler,
  inMemoryStorage,
  loadStudy,
  nopPruner,
  type Objective,
  randomSampler,
  type Sampler,
  type SamplerContext,
  type Trial,
  tpeSampler,
} from "@backprop/hpo";
import { createRng, deriveRng } from "@backprop/random";
import { describe, expect, it } from "vitest";
import { median, sleep } from "./support.js";

const mixed: Objective = (t) => {
  const lr = t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
  const hidden = t.suggestInt("hidden", 50, 200, { step: 50 });
  const act = t.suggestCategorical("act", ["relu", "tanh", "sigmoid"]);
  const dropout = t.suggestFloat("dropout", 0, 0.5, { step: 0.05 });
  return (
    (Math.log10(lr) + 3) ** 2 + Math.abs(hidden - 150) / 50 + (act === "relu" ? 0 : 1) + dropout
  );
};

async function run(sampler: () => Sampler, seed: number, nTrials: number, objective = mixed) {
  const study = await createStudy({
    studyName: "s",
    direction: "minimize",
    seed,
    sampler: sampler(),
    pruner: nopPruner(),
  });
  await study.optimize(objective, { nTrials });
  return study;
}

describe("determinism", () => {
  const discrete: Objective = (t) =>
    t.suggestInt("n", 0, 9) + (t.suggestCategorical("k", ["a", "b", "c"]) === "a" ? 0 : 1);
  it.each([
    ["random", () => randomSampler(), mixed],
    ["tpe", () => tpeSampler({ nStartupTrials: 5 }), mixed],
    ["grid", () => gridSampler(), discrete],
  ] as const)(
    "%s: the same seed gives the same parameters, another seed others",
    async (_name, sampler, objective) => {
      const a = (await run(sampler, 42, 25, objective)).trials.map((t) => t.params);
      const b = (await run(sampler, 42, 25, objective)).trials.map((t) => t.params);
      const c = (await run(sampler, 43, 25, objective)).trials.map((t) => t.params);
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    },
  );
});

describe("random sampler", () => {
  it("gives trial n the same parameters however many workers run the study and in whatever order", async () => {
    const single = await run(() => randomSampler(), 7, 24);
    const byNumber = (trials: readonly FrozenTrial[]) =>
      Object.fromEntries(trials.map((t) => [t.number, t.params]));

    // Three workers (three study objects on one storage) interleaving with uneven trial durations.
    const storage = inMemoryStorage();
    await createStudy({
      storage,
      studyName: "s",
      direction: "minimize",
      seed: 7,
      sampler: randomSampler(),
    });
    const workers = await Promise.all(
      [0, 1, 2].map(() =>
        loadStudy({ storage, studyName: "s", sampler: randomSampler(), pruner: nopPruner() }),
      ),
    );
    const slow: Objective = async (t) => {
      await sleep(deriveRng(1, t.number).integer(0, 8));
      return mixed(t);
    };
    await Promise.all(workers.map((w) => w.optimize(slow, { nTrials: 8 })));
    await workers[0]!.refresh();
    const parallel = workers[0]!.trials;
    expect(parallel.map((t) => t.number)).toEqual([...Array(24).keys()]);
    expect(byNumber(parallel)).toEqual(byNumber(single.trials));
    // The workers did interleave: some worker ran a non-consecutive set of trials.
    expect(parallel.map((t) => t.state).every((s) => s === "COMPLETE")).toBe(true);
  });

  it("draws log parameters log-uniformly and stepped parameters on their grid", async () => {
    const study = await run(
      () => randomSampler(),
      3,
      400,
      (t) => {
        t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
        t.suggestInt("n", 1, 1000, { log: true });
        t.suggestFloat("q", 0.1, 0.5, { step: 0.1 });
        return 0;
      },
    );
    const decades = [0, 0, 0, 0];
    for (const t of study.trials) decades[Math.floor(Math.log10(t.params.lr as number) + 6)]!++;
    for (const count of decades) expect(count).toBeGreaterThan(70); // ~100 each
    const qs = new Set(study.trials.map((t) => t.params.q));
    expect([...qs].sort()).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    const ns = study.trials.map((t) => t.params.n as number);
    expect(ns.filter((n) => n < 32).length).toBeGreaterThan(120); // log scale: half below √1000
  });
});

describe("grid sampler", () => {
  it("evaluates every point of an explicit grid exactly once, then stops", async () => {
    const space = { a: [1, 2, 3], b: ["x", "y"], c: [true, false] };
    const study = await createStudy({
      studyName: "g",
      direction: "minimize",
      seed: 5,
      sampler: gridSampler({ searchSpace: space }),
    });
    const result = await study.optimize(
      (t) => {
        t.suggestInt("a", 1, 3);
        t.suggestCategorical("b", ["x", "y"]);
        t.suggestCategorical("c", [true, false]);
        return 0;
      },
      { nTrials: 100 },
    );
    expect(result.stopReason).toBe("exhausted");
    const points = study.trials.map((t) => JSON.stringify([t.params.a, t.params.b, t.params.c]));
    expect(points).toHaveLength(12);
    expect(new Set(points).size).toBe(12);
    expect(
      study.trials.map((t) => t.systemAttrs.grid_id).sort((x, y) => (x as number) - (y as number)),
    ).toEqual([...Array(12).keys()]);
    expect(study.trials[0]!.systemAttrs.search_space).toEqual(space);
  });

  it("derives the grid from categorical, integer and stepped-float parameters when none is given", async () => {
    const study = await createStudy({
      studyName: "g2",
      direction: "minimize",
      seed: 5,
      sampler: gridSampler(),
    });
    await study.optimize(
      (t) =>
        t.suggestFloat("q", 0, 0.3, { step: 0.1 }) +
        t.suggestInt("n", 1, 3) +
        (t.suggestCategorical("k", ["u", "v"]) === "u" ? 0 : 1),
      { nTrials: 50 },
    );
    const points = study.trials.map((t) => `${t.params.q}/${t.params.n}/${t.params.k}`);
    expect(points).toHaveLength(4 * 3 * 2);
    expect(new Set(points).size).toBe(24);
    expect(study.trials[0]!.params).toEqual({ q: 0, n: 1, k: "u" });
    expect(study.trials[0]!.systemAttrs.search_space).toEqual({
      k: ["u", "v"],
      n: [1, 2, 3],
      q: [0, 0.1, 0.2, 0.3],
    });
    expect(study.bestValue).toBe(1);
  });

  it("refuses a continuous parameter without a search space", async () => {
    const study = await createStudy({
      studyName: "g3",
      direction: "minimize",
      seed: 5,
      sampler: gridSampler(),
      onWarning: () => {},
    });
    await expect(
      study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 1, stopOnFail: true }),
    ).rejects.toThrow(/float with a step \(pass searchSpace/);
  });
});

describe("TPE", () => {
  const sphere: Objective = (t) =>
    [0, 1, 2].reduce((s, i) => s + t.suggestFloat(`x${i}`, -5, 5) ** 2, 0);

  it("beats random search on a sphere at the same budget (median best over 5 seeds)", async () => {
    const best = async (sampler: () => Sampler) => {
      const values: number[] = [];
      for (const seed of [1, 2, 3, 4, 5])
        values.push((await run(sampler, seed, 80, sphere)).bestValue);
      return median(values);
    };
    const tpe = await best(() => tpeSampler());
    const random = await best(() => randomSampler());
    expect(tpe).toBeLessThan(random / 2);
  });

  it("keeps every suggestion inside its domain (log, integer step, stepped float, categorical)", async () => {
    const study = await run(() => tpeSampler({ nStartupTrials: 5 }), 9, 60);
    for (const t of study.trials) {
      const { lr, hidden, act, dropout } = t.params as {
        lr: number;
        hidden: number;
        act: string;
        dropout: number;
      };
      expect(lr >= 1e-6 && lr <= 1e-2).toBe(true);
      expect([50, 100, 150, 200]).toContain(hidden);
      expect(["relu", "tanh", "sigmoid"]).toContain(act);
      expect(Math.round(dropout * 20) / 20).toBeCloseTo(dropout, 12);
      expect(dropout >= 0 && dropout <= 0.5).toBe(true);
    }
    // It learns: the second half is better on average than the first (random) part.
    const values = study.trials.map((t) => t.value!);
    expect(median(values.slice(30))).toBeLessThan(median(values.slice(0, 10)));
  });

  it("maximises when asked", async () => {
    const study = await createStudy({
      studyName: "max",
      direction: "maximize",
      seed: 2,
      sampler: tpeSampler({ nStartupTrials: 8 }),
    });
    await study.optimize((t) => -((t.suggestFloat("x", 0, 10) - 7) ** 2), { nTrials: 50 });
    expect(Math.abs((study.bestParams.x as number) - 7)).toBeLessThan(0.5);
  });

  /** A finished or running trial with one parameter x. */
  function trial(
    number: number,
    state: "COMPLETE" | "RUNNING",
    x: number,
    value?: number,
  ): FrozenTrial {
    return {
      number,
      trialId: number,
      state,
      value,
      values: value === undefined ? undefined : [value],
      params: { x },
      distributions: { x: dist },
      userAttrs: {},
      systemAttrs: {},
      intermediateValues: {},
      datetimeStart: undefined,
      datetimeComplete: undefined,
    };
  }
  const dist: Distribution = { type: "float", low: 0, high: 1, log: false, step: null };

  it("with a constant liar, stays away from points that running trials are evaluating", () => {
    // 30 finished trials whose best lie around 0.3; five workers are evaluating 0.3 right now.
    const rng = createRng(0);
    const finished = Array.from({ length: 30 }, (_, i) => {
      const x = rng.uniform();
      return trial(i, "COMPLETE", x, (x - 0.3) ** 2);
    });
    const running = [0.3, 0.3, 0.3, 0.3, 0.3].map((x, i) => trial(30 + i, "RUNNING", x));
    const propose = (constantLiar: boolean, seed: number) => {
      const context: SamplerContext = {
        study: { direction: "minimize", trials: [...finished, ...running] },
        trial: trial(40, "RUNNING", 0),
        rng: deriveRng(seed, "trial", 40),
        setTrialSystemAttr: () => {},
        warn: () => {},
      };
      return tpeSampler({ constantLiar }).sample(context, "x", dist);
    };
    const distance = (liar: boolean) =>
      median(Array.from({ length: 40 }, (_, seed) => Math.abs(propose(liar, seed) - 0.3)));
    expect(distance(true)).toBeGreaterThan(distance(false) * 1.5);
    // Without running trials the liar changes nothing.
    const alone = (liar: boolean) =>
      tpeSampler({ constantLiar: liar }).sample(
        {
          study: { direction: "minimize", trials: finished },
          trial: trial(40, "RUNNING", 0),
          rng: deriveRng(1, "trial", 40),
          setTrialSystemAttr: () => {},
          warn: () => {},
        },
        "x",
        dist,
      );
    expect(alone(true)).toBe(alone(false));
  });

  it("validates its options", () => {
    expect(() => tpeSampler({ nStartupTrials: -1 })).toThrow(
      /Option 'nStartupTrials' of 'tpeSampler'/,
    );
    expect(() => tpeSampler({ nEiCandidates: 0 })).toThrow(/Option 'nEiCandidates'/);
    expect(() => tpeSampler({ priorWeight: 0 })).toThrow(/Option 'priorWeight'/);
  });
});

// Trials written by a sampler that only reads `context.trial`: the interface works for users' own samplers.
describe("custom samplers", () => {
  it("see the trial's own generator and the study's other trials", async () => {
    const seen: Array<[number, number]> = [];
    const spy: Sampler = {
      name: "spy",
      sample: (context, _name, d) => {
        seen.push([context.trial.number, context.study.trials.length]);
        return d.type === "categorical" ? 0 : d.low + (d.high - d.low) * context.rng.uniform();
      },
    };
    const study = await createStudy({
      studyName: "spy",
      direction: "minimize",
      seed: 8,
      sampler: spy,
    });
    await study.optimize((t: Trial) => t.suggestFloat("x", 0, 1), { nTrials: 3 });
    expect(seen).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(study.trials[2]!.params.x).toBe(deriveRng(8, "trial", 2).uniform());
  });
});

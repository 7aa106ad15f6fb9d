import {
  createStudy,
  inMemoryStorage,
  loadStudy,
  type NarrowingStage,
  narrowingSearch,
  type ParamValue,
  randomSampler,
  type SearchSpace,
} from "@backprop/hpo";
import { describe, expect, it } from "vitest";

// The book's chapter-6 search space.
const book: SearchSpace = {
  lr: { type: "float", low: 1e-6, high: 1e-2, log: true },
  weight_decay: { type: "float", low: 1e-8, high: 1e-4, log: true },
};

/** A validation-accuracy-like bowl with its maximum at the given exponents. */
function bowl(lrExp: number, wdExp: number) {
  return (p: Readonly<Record<string, ParamValue>>) =>
    1 -
    0.05 * (Math.log10(p.lr as number) - lrExp) ** 2 -
    0.01 * (Math.log10(p.weight_decay as number) - wdExp) ** 2;
}

const decades = (s: SearchSpace, name: string) => {
  const spec = s[name] as { low: number; high: number };
  return Math.log10(spec.high / spec.low);
};

describe("narrowingSearch", () => {
  it("shrinks the ranges stage by stage around a known optimum (log scale), with no border warning", async () => {
    const study = await createStudy({
      studyName: "book",
      direction: "maximize",
      seed: 11,
      sampler: randomSampler(),
    });
    const result = await narrowingSearch({
      study,
      space: book,
      objective: bowl(-3.3, -6.2),
      stages: 3,
      trialsPerStage: 40,
      topK: 8,
    });
    expect(result.stopReason).toBe("completed");
    expect(result.warnings).toEqual([]);
    const spaces = [...result.stages.map((s) => s.space), result.nextSpace];
    for (const name of ["lr", "weight_decay"]) {
      const widths = spaces.map((s) => decades(s, name));
      for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeLessThan(widths[i - 1]!);
      for (const s of spaces) {
        const spec = s[name] as { low: number; high: number; log: boolean };
        expect(spec.log).toBe(true);
        // Every stage's range contains the optimum and stays inside the first range.
        const optimum = name === "lr" ? 10 ** -3.3 : 10 ** -6.2;
        expect(spec.low).toBeLessThan(optimum);
        expect(spec.high).toBeGreaterThan(optimum);
        expect(spec.low).toBeGreaterThanOrEqual((book[name] as { low: number }).low);
        expect(spec.high).toBeLessThanOrEqual((book[name] as { high: number }).high);
      }
    }
    expect(decades(result.nextSpace, "lr")).toBeLessThan(1.5); // from 4 decades
    expect(Math.abs(Math.log10(result.bestTrial!.params.lr as number) + 3.3)).toBeLessThan(0.3);
    // Each stage's trials carry their stage; the study records the history.
    expect(study.trials.map((t) => t.userAttrs.narrowing_stage)).toEqual([
      ...Array(40).fill(1),
      ...Array(40).fill(2),
      ...Array(40).fill(3),
    ]);
    const history = study.userAttrs.narrowing as unknown as {
      version: number;
      stages: NarrowingStage[];
    };
    expect(history.version).toBe(1);
    expect(history.stages).toEqual(JSON.parse(JSON.stringify(result.stages)));
    expect(history.stages.map((s) => [s.stage, s.trials, s.done])).toEqual([
      [1, 40, true],
      [2, 40, true],
      [3, 40, true],
    ]);
    expect(history.stages[1]!.best!.value).toBeGreaterThanOrEqual(
      history.stages[0]!.best!.value - 1e-3,
    );
  });

  it("warns when the best value lies at a border (the optimum is outside the first range) and records it", async () => {
    // Optimum at lr = 10^-1, above the book's range: the best trial sits at the upper border.
    const study = await createStudy({
      studyName: "edge",
      direction: "maximize",
      seed: 3,
      sampler: randomSampler(),
    });
    const result = await narrowingSearch({
      study,
      space: book,
      objective: bowl(-1, -6),
      stages: 2,
      trialsPerStage: 40,
      topK: 5,
    });
    expect(result.warnings.length).toBeGreaterThanOrEqual(1);
    expect(result.warnings[0]).toMatch(
      /^stage 1: the best lr = [\d.e-]+ lies at the upper border of \[0\.000001, 0\.01\]; the optimum may lie above it/,
    );
    expect(result.warnings.every((w) => w.includes("lr"))).toBe(true);
    expect(result.stages[0]!.warnings).toContain(result.warnings[0]);
    const history = study.userAttrs.narrowing as unknown as { stages: NarrowingStage[] };
    expect(history.stages[0]!.warnings).toEqual(result.stages[0]!.warnings);
    // Clipped: the next range still ends at the first range's end.
    expect((result.stages[1]!.space.lr as { high: number }).high).toBe(1e-2);
  });

  it('with bounds: "move", follows an optimum outside the first range', async () => {
    const study = await createStudy({
      studyName: "move",
      direction: "maximize",
      seed: 3,
      sampler: randomSampler(),
    });
    const result = await narrowingSearch({
      study,
      space: book,
      objective: bowl(-1, -6),
      stages: 3,
      trialsPerStage: 40,
      topK: 5,
      bounds: "move",
    });
    expect(result.warnings[0]).toMatch(
      /upper border.*the next range reaches half a range beyond it/,
    );
    const lr = result.nextSpace.lr as { low: number; high: number };
    expect(lr.high).toBeGreaterThan(1e-1);
    expect(Math.log10(result.bestTrial!.params.lr as number)).toBeGreaterThan(-1.5);
  });

  it("narrows integers on their step grid and keeps categorical choices", async () => {
    const study = await createStudy({
      studyName: "int",
      direction: "minimize",
      seed: 1,
      sampler: randomSampler(),
    });
    const result = await narrowingSearch({
      study,
      space: {
        hidden: { type: "int", low: 10, high: 500, step: 10 },
        act: { type: "categorical", choices: ["relu", "tanh"] },
      },
      objective: (p) => Math.abs((p.hidden as number) - 120) + (p.act === "relu" ? 0 : 5),
      stages: 2,
      trialsPerStage: 30,
      topK: 6,
    });
    const hidden = result.nextSpace.hidden as { low: number; high: number; step: number };
    expect((hidden.low - 10) % 10).toBe(0);
    expect((hidden.high - 10) % 10).toBe(0);
    expect(hidden.low).toBeLessThanOrEqual(120);
    expect(hidden.high).toBeGreaterThanOrEqual(120);
    expect(hidden.high - hidden.low).toBeLessThan(490);
    expect(result.nextSpace.act).toEqual({ type: "categorical", choices: ["relu", "tanh"] });
  });

  it("continues an interrupted search where it stopped", async () => {
    const storage = inMemoryStorage();
    const objective = bowl(-3, -6);
    const options = { space: book, objective, stages: 2, trialsPerStage: 20, topK: 5 };
    const reference = await narrowingSearch({
      ...options,
      study: await createStudy({
        studyName: "ref",
        direction: "maximize",
        seed: 8,
        sampler: randomSampler(),
      }),
    });
    // The same search, stopped after 25 trials (stage 2, 5 trials in), then run again.
    const first = await createStudy({
      storage,
      studyName: "resume",
      direction: "maximize",
      seed: 8,
      sampler: randomSampler(),
    });
    const stopped = await narrowingSearch({
      ...options,
      study: first,
      optimize: { callbacks: [(s, t) => void (t.number === 24 && s.stop())] },
    });
    expect(stopped.stopReason).toBe("stopped");
    expect(stopped.stages.map((s) => s.done)).toEqual([true, false]);
    const again = await loadStudy({ storage, studyName: "resume", sampler: randomSampler() });
    const resumed = await narrowingSearch({ ...options, study: again });
    expect(resumed.stopReason).toBe("completed");
    expect(again.trials).toHaveLength(40);
    expect(resumed.stages.map((s) => s.space)).toEqual(reference.stages.map((s) => s.space));
    expect(resumed.nextSpace).toEqual(reference.nextSpace);
  });

  it("validates its options", async () => {
    const study = await createStudy({ studyName: "v", direction: "minimize", seed: 1 });
    const ok = { study, space: book, objective: () => 0, stages: 1, trialsPerStage: 1, topK: 1 };
    await expect(narrowingSearch({ ...ok, stages: 0 })).rejects.toThrow(
      /Option 'stages' of 'narrowingSearch'/,
    );
    await expect(narrowingSearch({ ...ok, bounds: "wrap" as never })).rejects.toThrow(
      /Option 'bounds'/,
    );
    await expect(narrowingSearch({ ...ok, space: {} })).rejects.toThrow(/Option 'space'/);
  });
});

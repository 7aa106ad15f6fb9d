// optimize({ workers }) with real worker processes, on a journal file and on PostgreSQL: exactly
// the trials asked for, numbered without gaps, none lost or duplicated; a worker killed with
// SIGKILL in mid-trial leaves a trial that ends FAIL through its heartbeat while the others
// finish, and the study resumes where it stopped; with the random sampler the parameters do not
// depend on the number of workers.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createStudy,
  narrowingSearch,
  nopPruner,
  type OptimizeProgress,
  randomSampler,
  type Storage,
} from "@backprop/hpo";
import { describe, expect, it } from "vitest";
import { freshPostgresUrl, postgresBaseUrl, probePostgres, sleep, tempDir } from "./support.js";

const objective = fileURLToPath(new URL("./fixtures/worker-objective.ts", import.meta.url));
const postgres = await probePostgres();
const ci = process.env.CI === "true";
if (!postgres.ok && !ci)
  console.warn(
    `workers.test.ts: no PostgreSQL at ${postgresBaseUrl()}; its worker tests are SKIPPED`,
  );

type Where = readonly [string, () => Promise<string>];
const STORES: Where[] = [
  ["journal file", async () => `journal:${join(tempDir(), "study.jsonl")}`],
  ...(postgres.ok ? [["PostgreSQL", () => freshPostgresUrl()] as Where] : []),
];

/** Warnings of the studies of this file (a write in progress is no torn line). */
const seenWarnings: string[] = [];

async function study(storage: string | Storage, name = "workers", seed = 2024) {
  return createStudy({
    storage,
    studyName: name,
    direction: "minimize",
    seed,
    sampler: randomSampler(),
    pruner: nopPruner(),
    loadIfExists: true,
    onWarning: (m) => void seenWarnings.push(m),
  });
}

describe("PostgreSQL for the worker tests", () => {
  if (!postgres.ok && ci)
    it("is reachable (CI=true requires it)", () => {
      throw new Error(`no PostgreSQL at ${postgresBaseUrl()}: ${postgres.reason}`);
    });
  if (!postgres.ok && !ci) it.skip("SKIPPED: no PostgreSQL", () => {});
  if (postgres.ok) it("is reachable", () => expect(postgres.ok).toBe(true));
});

describe.each(STORES)("worker processes on a %s", (_name, where) => {
  it("4 workers × 25 trials: exactly 100 finished trials numbered 0..99, none lost or duplicated", async () => {
    const s = await study(await where());
    const seen: OptimizeProgress[] = [];
    const result = await s.optimize(objective, {
      workers: 4,
      nTrials: 100,
      heartbeatInterval: 2,
      onProgress: (p) => void seen.push(p),
    });
    expect(result.stopReason).toBe("completed");
    expect(result.trials.map((t) => t.number)).toEqual([...Array(100).keys()]);
    expect(s.trials.map((t) => t.number)).toEqual([...Array(100).keys()]);
    expect(s.trials.every((t) => t.state === "COMPLETE" && t.value !== undefined)).toBe(true);
    expect(new Set(s.trials.map((t) => t.trialId)).size).toBe(100);
    const pids = new Set(s.trials.map((t) => t.userAttrs.pid));
    expect(pids.has(process.pid)).toBe(false);
    expect(pids.size).toBeGreaterThan(1);
    expect(pids.size).toBeLessThanOrEqual(4);
    // Progress: counts only grow, the last one says 100 done, none running, the study's best.
    const last = seen.at(-1)!;
    expect([last.done, last.complete, last.failed, last.running]).toEqual([100, 100, 0, 0]);
    expect(last.best?.value).toBe(s.bestValue);
    expect(seen.every((p, i) => i === 0 || p.done >= seen[i - 1]!.done)).toBe(true);
    expect(Math.max(...seen.map((p) => p.running))).toBeGreaterThan(1);
    // The parent reads the journal while workers append: no line is taken for a torn one.
    expect(seenWarnings.filter((w) => /no line end/.test(w))).toEqual([]);
    await s.storage.close();
  });

  it("a worker killed in mid-trial: its trial ends FAIL through the heartbeat, the others finish, and the study resumes", async () => {
    const dir = tempDir();
    const storage = await where();
    const s = await study(storage, "killed");
    const run = s.optimize(objective, {
      workers: 3,
      nTrials: 12,
      heartbeatInterval: 0.5,
      gracePeriod: 3,
      reenqueueStale: true,
      objectiveArgs: { hangAt: 4, markerDir: dir, delayMs: 20 },
    });
    const marker = join(dir, "hang");
    while (!existsSync(marker)) await sleep(10);
    await sleep(50);
    const pid = Number(readFileSync(marker, "utf8"));
    process.kill(pid, "SIGKILL");
    const result = await run;
    expect(result.stopReason).toBe("completed");
    // Trial 4 died with its worker; the two others ran the rest of the 12.
    expect(s.trials.map((t) => t.number)).toEqual([...Array(13).keys()]);
    const dead = s.trials[4]!;
    expect(dead.state).toBe("FAIL");
    expect(dead.systemAttrs.fail_reason).toMatch(/heartbeat/);
    expect(dead.userAttrs.pid).toBe(pid);
    const others = s.trials.filter((t) => t.number !== 4 && t.number < 12);
    expect(others.map((t) => [t.number, t.state])).toEqual(
      others.map((t) => [t.number, "COMPLETE"]),
    );
    // The killed worker ran none after it; the two others ran every one after trial 4 started.
    expect(others.filter((t) => t.number > 7).every((t) => t.userAttrs.pid !== pid)).toBe(true);
    expect(result.trials.map((t) => t.number)).toEqual(others.map((t) => t.number));
    // Its WAITING copy (Optuna's retry attributes) is what the resumed study runs first.
    const copy = s.trials[12]!;
    expect(copy.state).toBe("WAITING");
    expect(copy.systemAttrs).toMatchObject({ failed_trial: 4, retry_history: [4] });

    const resumed = await study(storage, "killed");
    const more = await resumed.optimize(objective, {
      workers: 2,
      nTrials: 3,
      heartbeatInterval: 1,
    });
    expect(more.trials.map((t) => t.number)).toEqual([12, 13, 14]);
    expect(resumed.trials.map((t) => t.state)).toEqual([
      ...s.trials.slice(0, 12).map((t) => t.state),
      "COMPLETE",
      "COMPLETE",
      "COMPLETE",
    ]);
    expect(resumed.trials[12]!.params).toEqual(dead.params);
    await s.storage.close();
    await resumed.storage.close();
  });
});

describe("a narrowing search in worker processes", () => {
  it("runs each stage's trials in the workers with the stage's ranges, and narrows them", async () => {
    const s = await study(`journal:${join(tempDir(), "narrow.jsonl")}`, "narrow", 5);
    const result = await narrowingSearch({
      study: s,
      space: {
        lr: { type: "float", low: 1e-6, high: 1e-1, log: true },
        x: { type: "float", low: 0, high: 1 },
      },
      objective: fileURLToPath(new URL("./fixtures/narrow-objective.ts", import.meta.url)),
      stages: 2,
      trialsPerStage: 16,
      topK: 4,
      optimize: { workers: 2, heartbeatInterval: 2 },
    });
    expect(result.stopReason).toBe("completed");
    expect(s.trials.map((t) => t.userAttrs.narrowing_stage)).toEqual([
      ...Array(16).fill(1),
      ...Array(16).fill(2),
    ]);
    const pids = new Set(s.trials.map((t) => t.userAttrs.pid));
    expect(pids.has(process.pid) || pids.has(undefined)).toBe(false);
    const [first, second] = result.stages.map((st) => st.space.lr as { low: number; high: number });
    expect(Math.log10(second!.high / second!.low)).toBeLessThan(
      Math.log10(first!.high / first!.low),
    );
    const lr2 = s.trials.slice(16).map((t) => t.params.lr as number);
    expect(lr2.every((lr) => lr >= second!.low && lr <= second!.high)).toBe(true);
  });
});

describe("worker independence", () => {
  it("the random sampler gives the same multiset of parameters with 1 and with 4 workers", async () => {
    const dir = tempDir();
    const one = await study(`journal:${join(dir, "one.jsonl")}`, "seeded", 99);
    const four = await study(`journal:${join(dir, "four.jsonl")}`, "seeded", 99);
    await one.optimize(objective, { workers: 1, nTrials: 40 });
    await four.optimize(objective, { workers: 4, nTrials: 40, heartbeatInterval: 2 });
    const params = (s: typeof one) => s.trials.map((t) => JSON.stringify(t.params)).sort();
    expect(params(four)).toEqual(params(one));
    expect(new Set(four.trials.map((t) => t.userAttrs.pid)).size).toBeGreaterThan(1);
  });

  it("refuses a function with workers > 1, an in-memory study, and a sampler that cannot travel", async () => {
    const memory = await study("memory:", "m");
    await expect(memory.optimize(() => 0, { workers: 2 })).rejects.toThrow(
      /Option 'objective' of 'optimize'.*module/,
    );
    await expect(memory.optimize(objective, { workers: 2 })).rejects.toThrow(
      /Option 'workers' of 'optimize'.*in-memory/,
    );
  });
});

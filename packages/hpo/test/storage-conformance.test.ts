// What every Storage must do, run against each implementation: the in-memory storage, the
// journal file storage (two handles on one file, as two processes would have) and the
// PostgreSQL storage (two connections pools on one fresh schema of the tests' database, found
// through the PG* variables or 127.0.0.1:5432/test; under CI=true its absence is a failure).
import { join } from "node:path";
import {
  type Distribution,
  DuplicatedStudyError,
  inMemoryStorage,
  JournalFileBackend,
  JournalStorage,
  PostgresStorage,
  type Storage,
  StorageError,
} from "@backprop/hpo";
import { describe, expect, it, onTestFinished } from "vitest";
import { freshPostgresUrl, postgresBaseUrl, probePostgres, tempDir } from "./support.js";

const postgres = await probePostgres();
const ci = process.env.CI === "true";
if (!postgres.ok && !ci)
  console.warn(
    `storage-conformance.test.ts: no PostgreSQL at ${postgresBaseUrl()} (${postgres.reason}); the PostgreSQL storage is SKIPPED`,
  );

/** Two handles on one store (for the journal: two storages on one file). */
const STORAGES: ReadonlyArray<readonly [string, () => Promise<readonly [Storage, Storage]>]> = [
  [
    "in-memory",
    async () => {
      const storage = inMemoryStorage();
      return [storage, storage];
    },
  ],
  [
    "journal file",
    async () => {
      const path = join(tempDir(), "conformance.jsonl");
      const open = () => new JournalStorage(new JournalFileBackend(path), { onWarning: () => {} });
      return [open(), open()];
    },
  ],
  ...(postgres.ok
    ? [
        [
          "PostgreSQL",
          async () => {
            const url = await freshPostgresUrl();
            const a = await PostgresStorage.open(url);
            const b = await PostgresStorage.open(url);
            onTestFinished(async () => {
              await a.close();
              await b.close();
            });
            return [a, b] as const;
          },
        ] as const,
      ]
    : []),
];

describe("PostgreSQL for the storage tests", () => {
  if (!postgres.ok && ci)
    it("is reachable (CI=true requires it)", () => {
      throw new Error(
        `no PostgreSQL at ${postgresBaseUrl()}: ${postgres.reason}. .ci/run starts it (pg_ctlcluster) or installs it (apt-get install postgresql).`,
      );
    });
  if (!postgres.ok && !ci)
    it.skip(`SKIPPED: no PostgreSQL at ${postgresBaseUrl()}, so the PostgreSQL storage did not run`, () => {});
  if (postgres.ok) it("is reachable", () => expect(postgres.ok).toBe(true));
});

const float: Distribution = { type: "float", low: 0, high: 1, log: false, step: null };
const logFloat: Distribution = { type: "float", low: 1e-6, high: 1e-2, log: true, step: null };
const int: Distribution = { type: "int", low: 50, high: 200, log: false, step: 50 };
const cat: Distribution = { type: "categorical", choices: ["relu", "tanh", null, 2, true] };

describe.each(STORAGES)("%s storage", (_name, open) => {
  it("creates, finds, lists and deletes studies; refuses a duplicate name", async () => {
    const [a, b] = await open();
    const s0 = await a.createStudy("first", ["minimize"]);
    const s1 = await b.createStudy("second", ["maximize"]);
    expect(s1).toBeGreaterThan(s0); // 0, 1 in a journal; 1, 2 in Optuna's tables
    await expect(b.createStudy("first", ["maximize"])).rejects.toThrow(DuplicatedStudyError);
    expect(await b.getStudyIdFromName("first")).toBe(s0);
    expect(await a.getStudyIdFromName("nope")).toBeUndefined();
    expect((await a.getAllStudies()).map((s) => [s.studyName, s.directions])).toEqual([
      ["first", ["minimize"]],
      ["second", ["maximize"]],
    ]);
    await a.deleteStudy(s0);
    expect((await b.getAllStudies()).map((s) => s.studyName)).toEqual(["second"]);
    await expect(b.getStudy(s0)).rejects.toThrow(StorageError);
  });

  it("keeps study attributes (user and system, JSON values, last write wins)", async () => {
    const [a, b] = await open();
    const id = await a.createStudy("s", ["minimize"]);
    await a.setStudyUserAttr(id, "k", { nested: [1, 2.5, "x", null, true] });
    await b.setStudyUserAttr(id, "k", "second");
    await b.setStudySystemAttr(id, "sys", 3);
    const summary = await a.getStudy(id);
    expect([summary.userAttrs, summary.systemAttrs]).toEqual([{ k: "second" }, { sys: 3 }]);
  });

  it("numbers trials within a study and ids across the storage", async () => {
    const [a, b] = await open();
    const x = await a.createStudy("x", ["minimize"]);
    const y = await b.createStudy("y", ["minimize"]);
    const created = [
      await a.createTrial(x),
      await b.createTrial(y),
      await b.createTrial(x),
      await a.createTrial(y),
    ];
    // Ids count across the storage from its first id (0 in a journal, 1 in Optuna's tables).
    const first = created[0]!.trialId;
    expect(created.map((c) => ({ ...c, trialId: c.trialId - first }))).toEqual([
      { trialId: 0, number: 0 },
      { trialId: 1, number: 0 },
      { trialId: 2, number: 1 },
      { trialId: 3, number: 1 },
    ]);
    expect((await a.getAllTrials(x)).map((t) => [t.trialId - first, t.number, t.state])).toEqual([
      [0, 0, "RUNNING"],
      [2, 1, "RUNNING"],
    ]);
  });

  it("records params in internal form, intermediate values, attributes and the end state", async () => {
    const [a, b] = await open();
    const study = await a.createStudy("s", ["maximize"]);
    const { trialId } = await a.createTrial(study);
    await a.setTrialParam(trialId, "x", 0.25, float);
    await a.setTrialParam(trialId, "lr", 0.001, logFloat);
    await a.setTrialParam(trialId, "hidden", 100, int);
    await a.setTrialParam(trialId, "act", 2, cat); // index 2: null
    await a.setTrialIntermediateValue(trialId, 0, 0.5);
    await a.setTrialIntermediateValue(trialId, 1, Number.NaN);
    await a.setTrialUserAttr(trialId, "note", "hi");
    await a.setTrialSystemAttr(trialId, "sys", [1, 2]);
    expect(await a.setTrialStateValues(trialId, "COMPLETE", [0.75])).toBe(true);
    const t = await b.getTrial(trialId);
    expect(t).toMatchObject({
      number: 0,
      state: "COMPLETE",
      value: 0.75,
      values: [0.75],
      params: { x: 0.25, lr: 0.001, hidden: 100, act: null },
      distributions: { x: float, lr: logFloat, hidden: int, act: cat },
      userAttrs: { note: "hi" },
      systemAttrs: { sys: [1, 2] },
    });
    expect(t.intermediateValues[0]).toBe(0.5);
    expect(t.intermediateValues[1]).toBeNaN();
    expect(t.datetimeStart).toBeInstanceOf(Date);
    expect(t.datetimeComplete).toBeInstanceOf(Date);
    expect(Object.isFrozen(t)).toBe(true);
    expect((await b.getAllTrials(study, { states: ["COMPLETE"] })).map((x) => x.trialId)).toEqual([
      trialId,
    ]);
    expect(await b.getAllTrials(study, { states: ["RUNNING", "WAITING"] })).toEqual([]);
  });

  it("refuses writes to a finished trial, unknown trials, and a param of another kind than before", async () => {
    const [a, b] = await open();
    const study = await a.createStudy("s", ["minimize"]);
    const first = await a.createTrial(study);
    await a.setTrialParam(first.trialId, "x", 0.5, float);
    await a.setTrialStateValues(first.trialId, "FAIL");
    await expect(b.setTrialParam(first.trialId, "y", 0.5, float)).rejects.toThrow(
      /has finished \(FAIL\)/,
    );
    await expect(b.setTrialStateValues(first.trialId, "COMPLETE", [1])).rejects.toThrow(
      StorageError,
    );
    await expect(b.getTrial(99)).rejects.toThrow(StorageError);
    const second = await b.createTrial(study);
    await expect(b.setTrialParam(second.trialId, "x", 1, int)).rejects.toThrow(
      /'x': it was a float parameter/,
    );
    await expect(b.setTrialParam(second.trialId, "x", 0.001, logFloat)).rejects.toThrow(
      /log: false before/,
    );
    await b.setTrialParam(second.trialId, "x", 0.3, { ...float, low: 0.2, high: 0.4 }); // narrower: fine
  });

  it("lets exactly one of two claimants take a WAITING trial", async () => {
    const [a, b] = await open();
    const study = await a.createStudy("s", ["minimize"]);
    const { trialId } = await a.createTrial(study, {
      state: "WAITING",
      systemAttrs: { fixed_params: { x: 0.5 } },
      userAttrs: { from: "queue" },
    });
    const waiting = await b.getTrial(trialId);
    expect([waiting.state, waiting.datetimeStart, waiting.systemAttrs]).toEqual([
      "WAITING",
      undefined,
      { fixed_params: { x: 0.5 } },
    ]);
    const claims = await Promise.all([
      a.setTrialStateValues(trialId, "RUNNING"),
      b.setTrialStateValues(trialId, "RUNNING"),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const running = await a.getTrial(trialId);
    expect([running.state, running.datetimeStart instanceof Date]).toEqual(["RUNNING", true]);
    // A trial finished meanwhile cannot be claimed either (a lost race, not an error).
    await a.setTrialStateValues(trialId, "COMPLETE", [1]);
    expect(await b.setTrialStateValues(trialId, "RUNNING")).toBe(false);
  });

  it("creates finished trials from a template (values, params, distributions, intermediate values)", async () => {
    const [a, b] = await open();
    const study = await a.createStudy("s", ["minimize"]);
    const { trialId } = await a.createTrial(study, {
      state: "COMPLETE",
      values: [0.1],
      params: { x: 0.5, act: "tanh" },
      distributions: { x: float, act: cat },
      intermediateValues: { 0: 0.3, 1: 0.1 },
      userAttrs: { u: 1 },
    });
    expect(await b.getTrial(trialId)).toMatchObject({
      state: "COMPLETE",
      value: 0.1,
      params: { x: 0.5, act: "tanh" },
      intermediateValues: { 0: 0.3, 1: 0.1 },
      userAttrs: { u: 1 },
    });
    await expect(a.createTrial(study, { state: "COMPLETE", params: { z: 1 } })).rejects.toThrow(
      /param 'z' has no distribution/,
    );
  });
});

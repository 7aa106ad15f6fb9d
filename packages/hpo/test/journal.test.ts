import {
  copyFileSync,
  existsSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createStudy,
  type FrozenTrial,
  JournalFileBackend,
  JournalLockError,
  JournalStorage,
  type JournalWarning,
  loadStudy,
  nopPruner,
  openStorage,
  type Sampler,
  StorageError,
  TrialPruned,
} from "@backprop/hpo";
import { describe, expect, it } from "vitest";
import { sleep, tempDir } from "./support.js";

const sample = fileURLToPath(new URL("fixtures/optuna-journal-sample.jsonl", import.meta.url));

function journal(path: string, onWarning?: (w: JournalWarning) => void) {
  return new JournalStorage(new JournalFileBackend(path), { onWarning: onWarning ?? (() => {}) });
}

describe("replaying a journal written by Python Optuna 3.1", () => {
  it("loads the sample study: states, values, params, distributions, attributes, intermediate values", async () => {
    const dir = tempDir();
    const path = join(dir, "sample.jsonl");
    copyFileSync(sample, path);
    const storage = journal(path);
    const study = await loadStudy({ storage, studyName: "book-hpo", seed: 1 });
    expect(storage.warnings).toEqual([]);
    expect([study.direction, study.userAttrs]).toEqual(["maximize", { source: "example" }]);
    expect(study.trials.map((t) => t.state)).toEqual([
      "COMPLETE",
      "PRUNED",
      "PRUNED",
      "FAIL",
      "FAIL",
      "PRUNED",
      "PRUNED",
    ]);
    const [t0, t1] = study.trials as [FrozenTrial, FrozenTrial];
    expect(t0.params).toEqual({ lr: 0.001, weight_decay: 1e-6, hidden: 100, activation: "relu" });
    expect(t0.distributions).toEqual({
      lr: { type: "float", low: 1e-6, high: 0.01, log: true, step: null },
      weight_decay: { type: "float", low: 1e-8, high: 0.0001, log: true, step: null },
      hidden: { type: "int", low: 50, high: 200, log: false, step: 50 },
      activation: { type: "categorical", choices: ["relu", "sigmoid", "tanh"] },
    });
    expect([t0.value, t0.intermediateValues, t0.userAttrs]).toEqual([
      0.93,
      { 0: 0.9, 1: 0.91, 2: 0.92, 3: 0.93 },
      { note: "trial 0" },
    ]);
    expect(t0.systemAttrs).toEqual({
      fixed_params: { lr: 0.001, weight_decay: 1e-6, hidden: 100, activation: "relu" },
    });
    expect(t0.datetimeStart?.getFullYear()).toBe(2026);
    expect(t1.params.activation).toBe("relu");
    expect(study.trials[2]!.params.activation).toBe("tanh");
    expect(t1.value).toBe(0.7768088018810296);
    expect(study.trials[4]!.value).toBeUndefined();
    expect(study.bestTrial.number).toBe(0);
  });

  it("continues the Optuna study: new trials get the next numbers and compatible parameters", async () => {
    const dir = tempDir();
    const path = join(dir, "sample.jsonl");
    copyFileSync(sample, path);
    const study = await loadStudy({
      storage: `journal:${path}`,
      studyName: "book-hpo",
      seed: 5,
      pruner: nopPruner(),
    });
    await study.optimize(
      (t) => {
        const lr = t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
        t.suggestCategorical("activation", ["relu", "sigmoid", "tanh"]);
        return 1 - Math.abs(Math.log10(lr) + 3) / 10;
      },
      { nTrials: 3 },
    );
    const again = await loadStudy({ storage: `journal:${path}`, studyName: "book-hpo", seed: 5 });
    expect(again.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(again.trials.slice(7).every((t) => t.state === "COMPLETE")).toBe(true);
  });
});

describe("writing Optuna's format", () => {
  /** Drops what differs between two runs (worker ids, dates) and what backprop adds (seed, fail reasons). */
  function normalise(text: string): string[] {
    return text
      .trim()
      .split("\n")
      .filter((line) => !line.includes('"op_code": 3,') && !line.includes('"fail_reason"'))
      .map((line) =>
        line
          .replace(/"worker_id": "[^"]*"/, '"worker_id": "W"')
          .replace(/"(datetime_start|datetime_complete)": "[^"]*"/g, '"$1": "D"'),
      );
  }

  it("writes the sample journal's records byte for byte when it runs the same study", async () => {
    const original = readFileSync(sample, "utf8");
    const records = original
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // Replay the sample's choices: its params (internal values) and reports per trial.
    const params = (trial: number) =>
      records
        .filter((r) => r.op_code === 5 && r.trial_id === trial)
        .map((r) => r.param_value_internal as number);
    const reports = (trial: number) =>
      records
        .filter((r) => r.op_code === 7 && r.trial_id === trial)
        .map((r) => r.intermediate_value as number);
    const replaying: Sampler = {
      name: "replay",
      sample: (context, name) =>
        params(context.trial.number)[["lr", "weight_decay", "hidden", "activation"].indexOf(name)]!,
    };
    const dir = tempDir();
    const path = join(dir, "ours.jsonl");
    const study = await createStudy({
      storage: `journal:${path}`,
      studyName: "book-hpo",
      direction: "maximize",
      seed: 0,
      sampler: replaying,
      pruner: nopPruner(),
      onWarning: () => {},
    });
    await study.setUserAttr("source", "example");
    await study.enqueueTrial({ lr: 0.001, weight_decay: 1e-6, hidden: 100, activation: "relu" });
    await study.optimize(
      (t) => {
        t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
        t.suggestFloat("weight_decay", 1e-8, 1e-4, { log: true });
        t.suggestInt("hidden", 50, 200, { step: 50 });
        t.suggestCategorical("activation", ["relu", "sigmoid", "tanh"]);
        t.setUserAttr("note", `trial ${t.number}`);
        for (const [step, v] of reports(t.number).entries()) t.report(v, step);
        if (t.number === 3) throw new Error("the objective raised");
        if (t.number === 4) return Number.NaN;
        if (t.number > 0) throw new TrialPruned();
        return reports(0).at(-1)!;
      },
      { nTrials: 7 },
    );
    expect(normalise(readFileSync(path, "utf8"))).toEqual(normalise(original));
  });

  it("writes NaN and ±Infinity as Python's bare tokens and reads them back", async () => {
    const dir = tempDir();
    const path = join(dir, "nan.jsonl");
    const study = await createStudy({
      storage: `journal:${path}`,
      studyName: "nan",
      direction: "minimize",
      seed: 0,
      pruner: nopPruner(),
    });
    await study.optimize(
      (t) => {
        t.report(Number.NaN, 0);
        t.report(Number.POSITIVE_INFINITY, 1);
        t.report(Number.NEGATIVE_INFINITY, 2);
        t.setUserAttr("floats", [0.1, 1e-7, 1e16, 1.5e16, -0, 123.0, 2.5e-5, 1e22]);
        return Number.POSITIVE_INFINITY;
      },
      { nTrials: 1 },
    );
    const text = readFileSync(path, "utf8");
    expect(text).toContain('"intermediate_value": NaN}');
    expect(text).toContain('"intermediate_value": Infinity}');
    expect(text).toContain('"intermediate_value": -Infinity}');
    expect(text).toContain('"values": [Infinity]');
    expect(text).toContain(
      '"floats": [0.1, 1e-07, 10000000000000000, 15000000000000000, 0, 123, 2.5e-05, 10000000000000000000000]',
    );
    const again = await loadStudy({ storage: `journal:${path}`, studyName: "nan" });
    const t = again.trials[0]!;
    expect(t.intermediateValues).toEqual({
      0: Number.NaN,
      1: Number.POSITIVE_INFINITY,
      2: Number.NEGATIVE_INFINITY,
    });
    expect(t.value).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("tolerant replay", () => {
  it("skips garbage, malformed records, non-UTF-8 and a torn last line, and drops __proto__ keys, naming each line", async () => {
    const dir = tempDir();
    const path = join(dir, "damaged.jsonl");
    const lines = readFileSync(sample, "utf8").trim().split("\n").slice(0, 14); // the study and trial 0
    const damaged = [
      ...lines.slice(0, 3),
      "this is not JSON",
      '{"op_code": 42, "worker_id": "x"}',
      '{"op_code": 7, "worker_id": "x", "trial_id": "zero", "step": 0, "intermediate_value": 1}',
      '{"__proto__": {"polluted": true}, "op_code": 2, "worker_id": "x", "study_id": 0, "user_attr": {"safe": 1}}',
      '{"op_code": 3, "worker_id": "x", "study_id": 0, "system_attr": {"__proto__": {"polluted": true}}}',
      "[1, 2, 3]",
      ...lines.slice(3),
    ];
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`${damaged.join("\n")}\n`),
        Buffer.from([0xff, 0xfe, 0x0a]), // not UTF-8
        Buffer.from('{"op_code": 7, "worker_id": "x", "trial_id": 0, "st'), // torn: no line end
      ]),
    );
    const seen: JournalWarning[] = [];
    const storage = journal(path, (w) => void seen.push(w));
    const study = await loadStudy({ storage, studyName: "book-hpo", seed: 1 });
    expect(seen.map((w) => [w.line, w.reason.replace(/ \(.*$/, "")])).toEqual([
      [4, "not JSON"],
      [5, "op_code 42 is not one of Optuna's"],
      [6, "'trial_id' is \"zero\", not an integer"],
      [7, "1 '__proto__' key(s) dropped"],
      [8, "1 '__proto__' key(s) dropped"],
      [8, "'system_attr' must hold exactly one attribute"],
      [9, "the line is not a JSON object"],
      [21, "not UTF-8"],
      [22, "the last line has no line end"],
    ]);
    expect(seen[0]!.message).toMatch(/damaged\.jsonl line 4: not JSON .*; skipped$/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(study.userAttrs)).toBe(Object.prototype);
    expect(study.userAttrs).toEqual({ source: "example", safe: 1 });
    expect(study.trials.map((t) => [t.state, t.value])).toEqual([["COMPLETE", 0.93]]);

    // The next append removes the torn line first (and says so), so nothing glues onto it.
    await study.optimize((t) => t.suggestFloat("lr", 1e-6, 1e-2, { log: true }), { nTrials: 1 });
    expect(seen.at(-1)!.reason).toMatch(/^a torn last line \(\d+ bytes without a line end/);
    const text = readFileSync(path, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    expect(text).not.toContain('"st\n');
    const fresh: JournalWarning[] = [];
    const reread = await loadStudy({
      storage: journal(path, (w) => void fresh.push(w)),
      studyName: "book-hpo",
      seed: 1,
    });
    expect(reread.trials).toHaveLength(2);
    expect(fresh.map((w) => w.line)).toEqual([4, 5, 6, 7, 8, 8, 9, 21]);
  });

  it("completes a last line that is a whole record without its line end", async () => {
    const dir = tempDir();
    const path = join(dir, "no-eol.jsonl");
    writeFileSync(path, readFileSync(sample, "utf8").trimEnd()); // the last record lacks its "\n"
    const seen: JournalWarning[] = [];
    const study = await loadStudy({
      storage: journal(path, (w) => void seen.push(w)),
      studyName: "book-hpo",
      seed: 1,
      pruner: nopPruner(),
    });
    expect(study.trials[6]!.state).toBe("RUNNING"); // its last record is not read yet
    await study.optimize((t) => t.suggestFloat("lr", 1e-6, 1e-2, { log: true }), { nTrials: 1 });
    expect(seen.map((w) => w.reason)).toEqual([
      expect.stringMatching(/^the last line has no line end/),
      "the last line was a whole record without its line end; the line end was added",
    ]);
    expect(study.trials[6]!.state).toBe("PRUNED");
    expect(study.trials).toHaveLength(8);
  });

  it("refuses to go on when the journal shrank under it", async () => {
    const dir = tempDir();
    const path = join(dir, "shrunk.jsonl");
    copyFileSync(sample, path);
    const storage = journal(path);
    await storage.getAllStudies();
    writeFileSync(path, "");
    await expect(storage.getAllStudies()).rejects.toThrow(StorageError);
    await expect(storage.getAllStudies()).rejects.toThrow(/truncated or replaced/);
  });
});

describe("Optuna's lock protocol", () => {
  it("waits for a <journal>.lock held by another writer (a symlink, as Optuna makes it)", async () => {
    const dir = tempDir();
    const path = join(dir, "locked.jsonl");
    const storage = journal(path);
    symlinkSync(path, `${path}.lock`);
    let done = false;
    const creating = storage.createStudy("s", ["minimize"]).then(() => (done = true));
    await sleep(100);
    expect(done).toBe(false);
    unlinkSync(`${path}.lock`);
    await creating;
    expect(done).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("takes the lock with O_EXCL when asked, and gives up with a JournalLockError naming the file", async () => {
    const dir = tempDir();
    const path = join(dir, "stuck.jsonl");
    writeFileSync(`${path}.lock`, "");
    const storage = new JournalStorage(
      new JournalFileBackend(path, { lock: "open", lockTimeout: 0.2 }),
    );
    const error = await storage.createStudy("s", ["minimize"]).catch((e: unknown) => e);
    expect(JournalLockError.isInstance(error)).toBe(true);
    expect((error as JournalLockError).lockFile).toBe(`${path}.lock`);
    expect((error as Error).message).toMatch(
      /still held by another writer after 0\.2 s.*delete it/,
    );
    unlinkSync(`${path}.lock`);
    await storage.createStudy("s", ["minimize"]);
    expect(readFileSync(path, "utf8")).toMatch(
      /^\{"op_code": 0, "worker_id": "[^"]+", "study_name": "s", "directions": \[1\]\}\n$/,
    );
  });

  it("is chosen by URL", async () => {
    expect((await openStorage("journal:./x.jsonl")).url).toBe("journal:./x.jsonl");
    expect(() => new JournalFileBackend("x", { lock: "flock" as never })).toThrow(/Option 'lock'/);
  });
});

// Round trips with Python Optuna 3.1 (Debian's python3-optuna): a study backprop writes opens in
// Optuna with the same trials, values, parameters and distributions; one Optuna writes opens in
// backprop; and Node and Python processes append to one journal at once. The Python side is
// test/fixtures/optuna_roundtrip.py. Under CI=true a missing python3-optuna is a failure.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createStudy,
  type Distribution,
  type FrozenTrial,
  loadStudy,
  nopPruner,
  PostgresStorage,
  randomSampler,
  type Study,
  TrialPruned,
} from "@backprop/hpo";
import { createRng } from "@backprop/random";
import { describe, expect, it } from "vitest";
import { poolConfig } from "../src/postgres-storage.js";
import { freshPostgresUrl, postgresBaseUrl, probePostgres, tempDir } from "./support.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const script = join(pkg, "test/fixtures/optuna_roundtrip.py");

/** The Python that has Optuna: $PYTHON if set, else python3 on the PATH or Debian's /usr/bin/python3. */
function findPython(): { python: string; version: string } | undefined {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ["python3", "/usr/bin/python3"];
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import optuna; print(optuna.__version__)"], {
      encoding: "utf8",
    });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return undefined;
}

const found = findPython();
const ci = process.env.CI === "true";
/** Whether that Python reaches PostgreSQL through SQLAlchemy and psycopg2 (Optuna's RDBStorage). */
const rdbModules =
  found !== undefined &&
  spawnSync(found.python, ["-c", "import sqlalchemy, psycopg2"], { encoding: "utf8" }).status === 0;
const postgres = await probePostgres();
if (found !== undefined && !ci && !(rdbModules && postgres.ok))
  console.warn(
    `optuna.test.ts: ${rdbModules ? `no PostgreSQL at ${postgresBaseUrl()}` : "python3-sqlalchemy or python3-psycopg2 is not installed"}; the PostgreSQL round trips with Python Optuna are SKIPPED`,
  );

/** The URL Python's SQLAlchemy takes for a backprop `postgres://` URL. */
function sqlalchemyUrl(url: string): string {
  return url.replace(/^postgres:\/\//, "postgresql://");
}
if (found === undefined && !ci)
  console.warn(
    "optuna.test.ts: python3-optuna is not installed (apt-get install -y python3-optuna); the round trips with Python Optuna are SKIPPED",
  );

function pythonText(args: readonly string[]): string {
  const run = spawnSync(found!.python, [script, ...args], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0)
    throw new Error(`optuna_roundtrip.py ${args[0]} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

function python(args: readonly string[]): unknown {
  return JSON.parse(pythonText(args));
}

/** A number as the Python side dumps it (non-finite ones as strings). */
function plain(value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value))
    return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Optuna's `distribution_to_json` form of a distribution. */
function optunaDistribution(d: Distribution): unknown {
  if (d.type === "float")
    return {
      name: "FloatDistribution",
      attributes: { step: d.step, low: d.low, high: d.high, log: d.log },
    };
  if (d.type === "int")
    return {
      name: "IntDistribution",
      attributes: { log: d.log, step: d.step, low: d.low, high: d.high },
    };
  return { name: "CategoricalDistribution", attributes: { choices: d.choices } };
}

function typeName(value: unknown, d: Distribution): string {
  if (d.type === "float") return "float";
  if (d.type === "int") return "int";
  if (value === null) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  return Number.isInteger(value) ? "int" : "float";
}

/** A backprop study in the shape optuna_roundtrip.py dumps. */
function asOptuna(study: Study): unknown {
  const trial = (t: FrozenTrial) => ({
    number: t.number,
    state: t.state,
    values: t.values === undefined ? null : plain([...t.values]),
    params: t.params,
    param_types: Object.fromEntries(
      Object.entries(t.params).map(([k, v]) => [k, typeName(v, t.distributions[k]!)]),
    ),
    distributions: Object.fromEntries(
      Object.entries(t.distributions).map(([k, d]) => [k, optunaDistribution(d)]),
    ),
    user_attrs: plain(t.userAttrs),
    system_attrs: plain(t.systemAttrs),
    intermediate_values: plain(Object.fromEntries(Object.entries(t.intermediateValues))),
    has_start: t.datetimeStart !== undefined,
    has_complete: t.datetimeComplete !== undefined,
  });
  return {
    optuna: found?.version,
    directions: [study.direction.toUpperCase()],
    user_attrs: plain(study.userAttrs),
    trials: study.trials.map(trial),
    ...(study.trials.some((t) => t.state === "COMPLETE")
      ? { best_number: study.bestTrial.number }
      : {}),
  };
}

/** backprop writes a study (every trial outcome, every kind of parameter); Python dumps it the same. */
async function backpropWrites(storage: string, target: string): Promise<void> {
  const study = await createStudy({
    storage,
    studyName: "from-backprop",
    direction: "maximize",
    seed: 12,
    sampler: randomSampler(),
    pruner: nopPruner(),
    onWarning: () => {},
  });
  await study.setUserAttr("dataset", { name: "mnist", split: [0.8, 0.2], tiny: 1e-7 });
  await study.enqueueTrial(
    { lr: 0.001, dropout: 0.2, hidden: 64, layers: 3, act: "tanh" },
    { userAttrs: { enqueued: true } },
  );
  await study.optimize(
    (t) => {
      const lr = t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
      const dropout = t.suggestFloat("dropout", 0, 0.5, { step: 0.1 });
      const hidden = t.suggestInt("hidden", 16, 256, { log: true });
      const layers = t.suggestInt("layers", 1, 7, { step: 2 });
      const act = t.suggestCategorical("act", ["relu", "tanh", null, 2, 0.5, true]);
      t.suggestFloat("x", -1, 1);
      t.setUserAttr("note", `trial ${t.number}`);
      for (let step = 0; step < 3; step++)
        t.report(t.number === 2 && step === 1 ? Number.NaN : lr * (step + 1), step);
      if (t.number === 3) throw new TrialPruned();
      if (t.number === 4) throw new Error("the objective raised");
      if (t.number === 5) return Number.NaN;
      if (t.number === 6) return Number.NEGATIVE_INFINITY;
      return -Math.log10(lr) - dropout - hidden / 100 - layers - (act === "relu" ? 0 : 1);
    },
    { nTrials: 9, heartbeatInterval: 60 },
  );
  expect(study.trials.map((t) => t.state)).toEqual([
    "COMPLETE",
    "COMPLETE",
    "COMPLETE",
    "PRUNED",
    "FAIL",
    "FAIL",
    "COMPLETE",
    "COMPLETE",
    "COMPLETE",
  ]);
  const dumped = python(["dump", target, "from-backprop"]) as Record<string, unknown>;
  if (target.startsWith("postgresql://")) {
    // Optuna 3.1's RDB `get_best_trial` orders by the stored value, and PostgreSQL sorts the
    // NULL that stands for trial 6's -inf first in a descending order: Optuna names trial 6
    // best, which it is not (its journal storage and backprop say 7).
    expect(dumped.best_number).toBe(6);
    dumped.best_number = 7;
  }
  expect(dumped).toEqual(asOptuna(study));
  await study.storage.close();
}

/** Python writes a study; backprop loads it the same, adds trials, and Python reads them back. */
async function optunaWrites(storage: string, target: string): Promise<void> {
  const written = python(["write", target, "from-optuna"]) as { trials: unknown[] };
  expect(written.trials).toHaveLength(8);
  const study = await loadStudy({
    storage,
    studyName: "from-optuna",
    seed: 3,
    pruner: nopPruner(),
  });
  expect(asOptuna(study)).toEqual(written);
  // States Optuna recorded, as backprop reads them.
  expect(study.trials.map((t) => t.state)).toEqual([
    "COMPLETE",
    "COMPLETE",
    "COMPLETE",
    "PRUNED",
    "FAIL",
    "FAIL",
    "COMPLETE",
    "COMPLETE",
  ]);
  expect(study.trials[2]!.intermediateValues[1]).toBeNaN();
  expect(study.trials[0]!.params).toEqual({
    lr: 0.001,
    dropout: 0.2,
    hidden: 64,
    layers: 5,
    act: "tanh",
  });

  await study.optimize(
    (t) => {
      const lr = t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
      t.suggestFloat("dropout", 0, 0.5, { step: 0.1 });
      t.suggestInt("hidden", 16, 256, { log: true });
      t.suggestInt("layers", 1, 7, { step: 2 });
      t.suggestCategorical("act", ["relu", "tanh", null, 2, 0.5, true]);
      return Math.log10(lr);
    },
    { nTrials: 3 },
  );
  expect(python(["dump", target, "from-optuna"])).toEqual(asOptuna(study));
  await study.storage.close();
}

/** What a schema holds, as PostgreSQL's catalogs describe it (names, types, keys, indexes, rows). */
async function catalog(url: string) {
  const pg = (await import("pg")).default;
  const client = new pg.Client(poolConfig(url, 1));
  await client.connect();
  const q = async (sql: string) => (await client.query(sql)).rows;
  try {
    return {
      tables: await q(`SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() ORDER BY table_name`),
      columns: await q(`SELECT table_name, column_name, ordinal_position, data_type, udt_name,
          character_maximum_length, numeric_precision, is_nullable,
          replace(column_default, current_schema() || '.', '') AS column_default
        FROM information_schema.columns WHERE table_schema = current_schema()
        ORDER BY table_name, ordinal_position`),
      constraints: await q(`SELECT conrelid::regclass::text AS on_table, conname, contype,
          pg_get_constraintdef(oid) AS definition
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
        ORDER BY on_table, conname`),
      indexes:
        await q(`SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '') AS indexdef
        FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname`),
      enums:
        await q(`SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname ORDER BY t.typname`),
      sequences: await q(`SELECT sequence_name, data_type, start_value, increment
        FROM information_schema.sequences WHERE sequence_schema = current_schema() ORDER BY sequence_name`),
      versionInfo: await q("SELECT * FROM version_info"),
      alembic: await q("SELECT * FROM alembic_version"),
    };
  } finally {
    await client.end();
  }
}

describe("Python Optuna", () => {
  if (found === undefined && ci)
    it("python3-optuna is installed (CI=true requires it)", () => {
      throw new Error(
        "python3-optuna is not installed: the Optuna round trips cannot run. Install it with `apt-get install -y python3-optuna` (.ci/run does).",
      );
    });
  if (found === undefined && !ci)
    it.skip("SKIPPED: python3-optuna is not installed (apt-get install -y python3-optuna), so the round trips with Python Optuna did not run", () => {});

  describe.skipIf(found === undefined)(
    `round trips (Optuna ${found?.version ?? "not installed"})`,
    () => {
      it("opens a study backprop wrote with the same trials, values, params and distributions", async () => {
        const path = join(tempDir(), "backprop.jsonl");
        await backpropWrites(`journal:${path}`, path);
      });

      it("opens a study Optuna wrote, and Optuna opens it again after backprop added trials", async () => {
        const path = join(tempDir(), "optuna.jsonl");
        await optunaWrites(`journal:${path}`, path);
      });

      describe("on PostgreSQL (Optuna's RDBStorage)", () => {
        if (!(rdbModules && postgres.ok) && ci)
          it("python3-sqlalchemy, python3-psycopg2 and PostgreSQL are there (CI=true requires them)", () => {
            throw new Error(
              `the PostgreSQL round trips cannot run: ${rdbModules ? `no PostgreSQL at ${postgresBaseUrl()}` : "install python3-sqlalchemy and python3-psycopg2 (.ci/run does)"}`,
            );
          });
        if (!(rdbModules && postgres.ok) && !ci)
          it.skip("SKIPPED: python3-sqlalchemy/python3-psycopg2 or PostgreSQL missing", () => {});
        const rdb = rdbModules && postgres.ok ? it : it.skip;

        rdb(
          "backprop creates exactly the tables, types, constraints, indexes and version rows Optuna 3.1 creates",
          async () => {
            const ours = await freshPostgresUrl();
            const theirs = await freshPostgresUrl();
            await (await PostgresStorage.open(ours)).close();
            expect(pythonText(["schema", sqlalchemyUrl(theirs)]).trim()).toBe("v3.0.0.d");
            const [a, b] = await Promise.all([catalog(ours), catalog(theirs)]);
            expect(a.tables).toHaveLength(13);
            expect(a).toEqual(b);
            // Optuna opens a schema backprop created as its own (no migration, no complaint), and
            // backprop opens Optuna's without creating anything.
            expect(pythonText(["schema", sqlalchemyUrl(ours)]).trim()).toBe("v3.0.0.d");
            await (await PostgresStorage.open(theirs, { createTables: false })).close();
          },
        );

        rdb(
          "optuna.load_study opens a study backprop wrote, with the same trials, values, params and distributions",
          async () => {
            const url = await freshPostgresUrl();
            await backpropWrites(url, sqlalchemyUrl(url));
          },
        );

        rdb(
          "backprop loads a study Optuna wrote, and Optuna reads the trials backprop added",
          async () => {
            const url = await freshPostgresUrl();
            await optunaWrites(url, sqlalchemyUrl(url));
          },
        );
      });

      it("writes numbers and strings exactly as Python's json.dumps does", async () => {
        const dir = tempDir();
        const path = join(dir, "floats.jsonl");
        const study = await createStudy({
          storage: `journal:${path}`,
          studyName: "floats",
          direction: "minimize",
          seed: 0,
        });
        const rng = createRng(17);
        const numbers = Array.from(
          { length: 500 },
          () => (rng.uniform() - 0.5) * 10 ** rng.integer(-310, 305),
        );
        numbers.push(
          0.1,
          1e-5,
          1e-4,
          1e15,
          1.5e16,
          5e-324,
          1.7976931348623157e308,
          -0,
          2 ** 53 + 2,
          1e21,
          1e22,
        );
        const strings = [
          "plain",
          'quote " and \\ backslash',
          "tab\tnew\nline\u0001",
          "é ü ß",
          "日本語",
          "emoji 🎉",
          "\u007f del",
        ];
        await study.setUserAttr("numbers", numbers);
        await study.setUserAttr("strings", strings);
        const text = readFileSync(path, "utf8");
        for (const key of ["numbers", "strings"]) {
          const line = text.split("\n").find((l) => l.includes(`"user_attr": {"${key}": `))!;
          const ours = line.slice(line.indexOf(`{"${key}": `) + key.length + 5, -2);
          expect(ours).toBe(pythonText(["attr", path, "floats", key]).trimEnd());
        }
      });

      it("lets a Node process and a Python process append to one journal at once", async () => {
        const dir = tempDir();
        const path = join(dir, "mixed.jsonl");
        await createStudy({
          storage: `journal:${path}`,
          studyName: "mixed",
          direction: "minimize",
          seed: 31,
          sampler: randomSampler(),
        });
        const n = 20;
        let ready = 0;
        const go = () => void (++ready === 2 && writeFileSync(`${path}.go`, ""));
        const run = (command: string, args: readonly string[]) =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(command, args, { cwd: pkg, stdio: ["ignore", "pipe", "pipe"] });
            let out = "";
            let err = "";
            child.stdout.on("data", (d) => {
              out += d;
              if (out.startsWith("ready\n") && out.length === 6) go();
            });
            child.stderr.on("data", (d) => (err += d));
            child.on("error", reject);
            child.on("exit", (code) =>
              code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${err}`)),
            );
          });
        const outputs = await Promise.all([
          run(process.execPath, [
            "--import",
            "tsx",
            join(pkg, "test/fixtures/journal-worker.ts"),
            path,
            "mixed",
            String(n),
            "31",
          ]),
          run(found!.python, [script, "append", path, "mixed", String(n), "5"]),
        ]);
        for (const out of outputs) expect(out).toMatch(/^ready\ndone \d+\n$/);

        const study = await loadStudy({ storage: `journal:${path}`, studyName: "mixed" });
        expect(study.trials.map((t) => t.number)).toEqual([...Array(2 * n).keys()]);
        expect(study.trials.every((t) => t.state === "COMPLETE")).toBe(true);
        const pids = [...new Set(study.trials.map((t) => t.userAttrs.pid))];
        expect(pids).toHaveLength(2);
        for (const pid of pids)
          expect(study.trials.filter((t) => t.userAttrs.pid === pid)).toHaveLength(n);
        // They ran at the same time: each one's trials span a time in which the other's ran too.
        // (Optuna's lock waits double up to a second, so the two do not strictly alternate.)
        const span = (pid: unknown) => {
          const mine = study.trials.filter((t) => t.userAttrs.pid === pid);
          return [
            Math.min(...mine.map((t) => t.datetimeStart!.getTime())),
            Math.max(...mine.map((t) => t.datetimeComplete!.getTime())),
          ];
        };
        const [a, b] = pids.map(span) as [[number, number], [number, number]];
        expect(a[0] < b[1] && b[0] < a[1]).toBe(true);
        // Python reads the file both wrote, and no lock or rename file is left behind.
        expect((python(["dump", path, "mixed"]) as { trials: unknown[] }).trials).toHaveLength(
          2 * n,
        );
        expect(readdirSync(dir).sort()).toEqual(["mixed.jsonl", "mixed.jsonl.go"]);
      });
    },
  );
});

// Per-trial cost of the storages: the same cheap objective (3 parameters, 5 reports, a user
// attribute — no work of its own) on an in-memory study (the reference, in this run), a journal
// file and PostgreSQL, with 1 worker (this process) and 4 worker processes. Time per trial is
// wall time / trials, the workers' start-up included; "overhead" is that minus the in-memory
// study's. PostgreSQL from the PG* variables or 127.0.0.1:5432/test, in a schema of its own
// (dropped after). Prints a table and writes JSON; `--quick` runs fewer trials.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createStudy, nopPruner, randomSampler } from "@backprop/hpo";
import { formatTable, quickMode, writeResults } from "@backprop-tools/bench-harness";
import pg from "pg";
import { poolConfig } from "../src/postgres-storage.js";

const quick = quickMode();
const objective = fileURLToPath(new URL("./fixtures/cheap-objective.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hpo-bench-"));
const env = process.env;
const base = `postgres://${env.PGUSER === undefined ? "" : `${env.PGUSER}@`}${env.PGHOST ?? "127.0.0.1"}:${env.PGPORT ?? 5432}/${env.PGDATABASE ?? "test"}`;
const schema = `hpo_bench_${process.pid}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client(poolConfig(base, 1));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Row {
  readonly storage: string;
  readonly workers: number;
  readonly trials: number;
  readonly seconds: number;
  readonly msPerTrial: number;
}

async function time(storage: string, name: string, workers: number, trials: number): Promise<Row> {
  const study = await createStudy({
    storage,
    studyName: name,
    direction: "minimize",
    seed: 1,
    sampler: randomSampler(),
    pruner: nopPruner(),
  });
  const started = performance.now();
  await study.optimize(objective, { workers, nTrials: trials, heartbeatInterval: 5 });
  const seconds = (performance.now() - started) / 1000;
  if (study.trials.length !== trials) throw new Error(`${name}: ${study.trials.length} trials`);
  await study.storage.close();
  return {
    storage: storage.split(":")[0]!,
    workers,
    trials,
    seconds,
    msPerTrial: (1000 * seconds) / trials,
  };
}

const n1 = quick ? 100 : 300;
const n4 = quick ? 200 : 600;
let postgres = true;
try {
  await admin(`CREATE SCHEMA ${schema}`);
} catch (e) {
  postgres = false;
  console.warn(`no PostgreSQL at ${base} (${(e as Error).message}): its rows are left out`);
}
const pgUrl = `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const rows: Row[] = [];
try {
  rows.push(await time("memory:", "memory", 1, n1));
  rows.push(await time(`journal:${join(dir, "one.jsonl")}`, "journal-1", 1, n1));
  rows.push(await time(`journal:${join(dir, "four.jsonl")}`, "journal-4", 4, n4));
  if (postgres) {
    rows.push(await time(pgUrl, "pg-1", 1, n1));
    rows.push(await time(pgUrl, "pg-4", 4, n4));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (postgres) await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
const memory = rows[0]!.msPerTrial;
console.log(
  formatTable(
    ["storage", "workers", "trials", "seconds", "ms / trial", "overhead ms / trial"],
    rows.map((r) => [
      r.storage,
      r.workers,
      r.trials,
      r.seconds,
      r.msPerTrial,
      r.msPerTrial - memory,
    ]),
  ),
);
const path = writeResults(fileURLToPath(new URL("..", import.meta.url)), "storage-overhead", {
  quick,
  note: "wall time / trials of a cheap objective (3 params, 5 reports, 1 user attribute); worker start-up included; overhead = minus the in-memory study's",
  rows: rows.map((r) => ({ ...r, overheadMsPerTrial: r.msPerTrial - memory })),
});
console.log(`results: ${path}`);

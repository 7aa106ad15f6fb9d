// The hyperparameter-search guide's examples that keep a study somewhere: a journal file, and
// PostgreSQL with worker processes — and examples/open-study.py opening both with Python Optuna
// 3.1 (Debian's python3-optuna; .ci/run installs it, PostgreSQL and psycopg2). Under CI=true a
// missing Python Optuna or PostgreSQL is a failure, not a skip.
import { spawnSync } from "node:child_process";
import { userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { run as journalExample } from "../examples/hpo-journal.js";
import { run as workersExample } from "../examples/hpo-workers.js";
import { collectOutput } from "../examples/output.js";
import { DOCS } from "./support/build-site.js";
import { EXPECTATIONS } from "./support/expectations.js";
import {
  findOptunaPython,
  hasRdbModules,
  postgresListening,
  postgresUrl,
} from "./support/services.js";

const ci = process.env.CI === "true";
const python = findOptunaPython();
const postgres = await postgresListening();
if (!python && !ci)
  console.warn("hpo.test.ts: no Python with Optuna; opening studies in Python is SKIPPED");
if (!postgres && !ci)
  console.warn(`hpo.test.ts: no PostgreSQL at ${postgresUrl()}; the workers example is SKIPPED`);

/** What examples/open-study.py prints about a study. */
function openInPython(
  url: string,
  study: string,
): { trials: number; states: string[]; best_number: number; best_value: number } {
  const result = spawnSync(python!, [join(DOCS, "examples", "open-study.py"), url, study], {
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe("hpo-journal: a journal file Python Optuna opens", () => {
  if (python !== undefined || ci)
    it("Node writes it, Python Optuna reads the same study", async () => {
      expect(
        python,
        "python3-optuna is not installed (CI=true requires it): apt-get install -y python3-optuna",
      ).toBeDefined();
      const out = collectOutput();
      const journal = await journalExample(out);
      EXPECTATIONS["hpo-journal"]!(out.lines);
      const opened = openInPython(`journal:${journal}`, "chapter-6");
      expect(opened.trials).toBe(30);
      expect(opened.states).toEqual(["COMPLETE"]);
      expect(opened.best_value.toFixed(6)).toBe(/best value (\S+)$/.exec(out.lines[0]!)![1]);
    });
  else
    it("runs under Node (no Python Optuna here)", async () => {
      const out = collectOutput();
      await journalExample(out);
      EXPECTATIONS["hpo-journal"]!(out.lines);
    });
});

describe("hpo-workers: worker processes on PostgreSQL", () => {
  if (!postgres && !ci) it.skip("SKIPPED: no PostgreSQL", () => {});
  else
    it("2 workers × 6 trials in a fresh schema, opened by Python Optuna", async () => {
      expect(postgres, `no PostgreSQL at ${postgresUrl()} (CI=true requires it)`).toBe(true);
      const schema = `docs_workers_${process.pid}_${Date.now().toString(36)}`;
      const at = new URL(postgresUrl());
      const admin = new pg.Client({
        host: at.hostname,
        port: Number(at.port),
        database: at.pathname.slice(1),
        user: process.env.PGUSER ?? userInfo().username, // libpq's default, which pg lacks
        ...(process.env.PGPASSWORD === undefined ? {} : { password: process.env.PGPASSWORD }),
      });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      try {
        const url = `${postgresUrl()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        const out = collectOutput();
        await workersExample(out, url);
        EXPECTATIONS["hpo-workers"]!(out.lines);
        if (python !== undefined && hasRdbModules(python)) {
          const opened = openInPython(url, "book-workers");
          expect(opened.trials).toBe(6);
          expect(`trial ${opened.best_number}`).toBe(
            /best so far: (trial \d+)/.exec(out.lines[2]!)![1],
          );
        } else {
          expect(ci, "CI=true requires python3-sqlalchemy and python3-psycopg2").toBe(false);
        }
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { poolConfig } from "../src/postgres-storage.js";

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "hpo-test-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Collects warnings instead of printing them. */
export function warnings(): { list: string[]; onWarning: (message: string) => void } {
  const list: string[] = [];
  return { list, onWarning: (m) => void list.push(m) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The median of numbers. */
export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Where the tests' PostgreSQL is: the standard PG* variables, or 127.0.0.1:5432, database test. */
export function postgresBaseUrl(): string {
  const env = process.env;
  const user =
    env.PGUSER === undefined
      ? ""
      : `${encodeURIComponent(env.PGUSER)}${env.PGPASSWORD === undefined ? "" : `:${encodeURIComponent(env.PGPASSWORD)}`}@`;
  const host = env.PGHOST ?? "127.0.0.1";
  return `postgres://${user}${host.startsWith("/") ? "" : host}:${env.PGPORT ?? 5432}/${env.PGDATABASE ?? "test"}`;
}

/** Whether the tests' PostgreSQL answers (and why not). */
export async function probePostgres(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const pg = (await import("pg")).default;
  const client = new pg.Client(poolConfig(postgresBaseUrl(), 1));
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

let schemaCounter = 0;

/**
 * A fresh schema of the tests' database, dropped after the test, as a URL whose
 * `options=-c search_path=…` puts the storage (and Python's psycopg2) in it.
 */
export async function freshPostgresUrl(): Promise<string> {
  const pg = (await import("pg")).default;
  const base = postgresBaseUrl();
  schemaCounter++;
  const schema = `hpo_test_${process.pid}_${schemaCounter}_${Date.now().toString(36)}`;
  const client = new pg.Client(poolConfig(base, 1));
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  onTestFinished(async () => {
    const c = new pg.Client(poolConfig(base, 1));
    await c.connect();
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await c.end();
    }
  });
  return `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

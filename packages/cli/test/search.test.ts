// `backprop search` and `backprop worker` through the real binary (packages/cli/dist/bin.js):
// the book preset with two worker processes (the test set scored once, after the search), a
// module objective with automatic narrowing, a worker joining that study, and bad options.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliWorkspace, jsonLine, runCli } from "./run-cli.js";

const root = cliWorkspace("backprop-search-");

const run = (args: readonly string[]) => runCli(root, args);

// A bowl with its minimum at x = 0.3, lr = 1e-3; `space` lets --narrow narrow it.
const MODULE = `
export const space = {
  lr: { type: "float", low: 1e-6, high: 1e-1, log: true },
  x: { type: "float", low: 0, high: 1 },
};
export function createObjective(args = {}) {
  const s = args.space ?? space;
  return async (trial) => {
    const lr = trial.suggestFloat("lr", s.lr.low, s.lr.high, { log: true });
    const x = trial.suggestFloat("x", s.x.low, s.x.high);
    trial.setUserAttr("pid", process.pid);
    return (Math.log10(lr) + 3) ** 2 + (x - 0.3) ** 2;
  };
}
`;

/** The tests' PostgreSQL (PG* variables or 127.0.0.1:5432/test) through psql, or why not. */
function postgres(): { url: string; psql: (sql: string) => void } | { reason: string } {
  const env = process.env;
  const host = env.PGHOST ?? "127.0.0.1";
  const port = env.PGPORT ?? "5432";
  const database = env.PGDATABASE ?? "test";
  const user = env.PGUSER === undefined ? "" : `${encodeURIComponent(env.PGUSER)}@`;
  const psql = (sql: string) => {
    const r = spawnSync("psql", ["-h", host, "-p", port, "-d", database, "-qtAc", sql], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`psql: ${r.error?.message ?? r.stderr}`);
  };
  try {
    psql("SELECT 1");
  } catch (e) {
    return { reason: (e as Error).message };
  }
  return { url: `postgres://${user}${host}:${port}/${database}`, psql };
}

const pgTarget = postgres();

describe("backprop search", () => {
  it("--preset book with 2 workers: the search on training data, the test set once, the report", () => {
    const out = join(root, "book");
    const r = run([
      "search",
      "--preset",
      "book",
      "--workers",
      "2",
      "--trials",
      "4",
      "--epochs",
      "2",
      "--seed",
      "3",
      "--top-k",
      "3",
      "--out",
      out,
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = jsonLine(r.stdout);
    expect(json).toMatchObject({
      command: "search",
      study: "book",
      direction: "maximize",
      workers: 2,
      stopReason: "completed",
      trials: 4,
      testCount: 2000,
    });
    const best = json.best as { value: number; params: { lr: number; weight_decay: number } };
    expect(best.params.lr).toBeGreaterThanOrEqual(1e-6);
    expect(best.params.lr).toBeLessThanOrEqual(1e-2);
    expect(best.params.weight_decay).toBeGreaterThanOrEqual(1e-8);
    expect(best.params.weight_decay).toBeLessThanOrEqual(1e-4);
    expect(json.testAccuracy).toBeTypeOf("number");
    expect(json.plots).toEqual(["history", "best-curves", "parallel-coordinates", "slices"]);
    for (const plot of json.plots as string[])
      for (const ext of ["svg", "png"])
        expect(existsSync(join(out, `${plot}.${ext}`)), plot).toBe(true);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toMatch(/test accuracy \(chosen configuration, once, after the search\)/);
    expect(html).toMatch(/Best-1 \(/);
    // Progress went to stderr as plain lines (no terminal here), ending with all 4 done.
    expect(r.stderr).toMatch(/trials 4\/4 done · 0 running · 0 failed/);
    expect(r.stderr).toMatch(/test accuracy of the chosen configuration: \d+\.\d\d% \(2000 images/);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.best).toEqual(json.best);
    expect(existsSync(join(out, "study.jsonl"))).toBe(true);
  });

  it("--objective with --narrow 2: two stages in worker processes, the ranges plot; a worker joins", () => {
    const module = join(root, "bowl.mjs");
    writeFileSync(module, MODULE);
    const out = join(root, "bowl");
    const storage = `journal:${join(root, "bowl.jsonl")}`;
    const r = run([
      "search",
      "--objective",
      module,
      "--storage",
      storage,
      "--study",
      "bowl",
      "--workers",
      "2",
      "--trials",
      "8",
      "--narrow",
      "2",
      "--top-k",
      "3",
      "--sampler",
      "random",
      "--pruner",
      "none",
      "--seed",
      "4",
      "--out",
      out,
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = jsonLine(r.stdout);
    expect(json).toMatchObject({
      study: "bowl",
      direction: "minimize",
      trials: 16,
      testAccuracy: null,
    });
    const stages = json.stages as Array<{ space: { lr: { low: number; high: number } } }>;
    expect(stages).toHaveLength(2);
    const width = (s: (typeof stages)[number]) => Math.log10(s.space.lr.high / s.space.lr.low);
    expect(width(stages[1]!)).toBeLessThan(width(stages[0]!));
    expect(json.plots).toContain("ranges");
    expect(existsSync(join(out, "ranges.png"))).toBe(true);
    expect(r.stderr).toMatch(/stage 2\/2 · trials 8\/8 done/);

    const w = run([
      "worker",
      "--storage",
      storage,
      "--study",
      "bowl",
      "--objective",
      module,
      "--trials",
      "2",
      "--json",
    ]);
    expect(w.code, w.stderr).toBe(0);
    const joined = jsonLine(w.stdout);
    expect(joined).toMatchObject({
      command: "worker",
      study: "bowl",
      stopReason: "completed",
      studyTrials: 18,
    });
    expect((joined.trials as Array<{ number: number }>).map((t) => t.number)).toEqual([16, 17]);
    expect(w.stderr).toMatch(/joined bowl in journal:.*\(random sampler, none pruner\)/);
  });

  const onPostgres = "url" in pgTarget ? it : it.skip;
  if (!("url" in pgTarget) && process.env.CI === "true")
    it("PostgreSQL is reachable (CI=true requires it)", () => {
      throw new Error(`no PostgreSQL for the CLI's search test: ${pgTarget.reason}`);
    });
  onPostgres(
    "--storage postgres://… with 2 workers, and a worker joining through the database",
    () => {
      const pgc = pgTarget as { url: string; psql: (sql: string) => void };
      const schema = `cli_search_${process.pid}`;
      pgc.psql(`CREATE SCHEMA ${schema}`);
      try {
        const module = join(root, "bowl-pg.mjs");
        writeFileSync(module, MODULE);
        const storage = `${pgc.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        const r = run([
          "search",
          "--objective",
          module,
          "--storage",
          storage,
          "--study",
          "pg",
          "--workers",
          "2",
          "--trials",
          "6",
          "--sampler",
          "random",
          "--pruner",
          "none",
          "--out",
          join(root, "pg"),
          "--json",
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(jsonLine(r.stdout)).toMatchObject({ study: "pg", trials: 6, complete: 6 });
        const w = run([
          "worker",
          "--storage",
          storage,
          "--study",
          "pg",
          "--objective",
          module,
          "--trials",
          "2",
          "--json",
        ]);
        expect(w.code, w.stderr).toBe(0);
        expect(jsonLine(w.stdout)).toMatchObject({ studyTrials: 8, stopReason: "completed" });
        expect(w.stderr).toMatch(/joined pg in postgres:\/\//);
      } finally {
        pgc.psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
    },
  );

  it("--help, and bad options in one line with exit code 2", () => {
    for (const command of ["search", "worker"]) {
      const h = run([command, "--help"]);
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/^Usage: backprop/);
    }
    expect(run(["search", "--help"]).stdout).toMatch(
      /--storage <url>.*--workers <n>.*--narrow <stages>/s,
    );
    const module = join(root, "plain.mjs");
    writeFileSync(module, "export default async (trial) => trial.suggestFloat('x', 0, 1);\n");
    const cases: Array<[string[], RegExp]> = [
      [["search", "--preset", "book", "--objective", module], /either --preset or --objective/],
      [["search", "--objective", module, "--narrow", "2"], /Option '--narrow'.*exports no `space`/],
      [["search", "--sampler", "cmaes"], /--sampler <name>.*'cmaes' is invalid/],
      [["search", "--workers", "0"], /--workers <n>.*Expected an integer >= 1/],
      [
        [
          "search",
          "--objective",
          module,
          "--storage",
          "postgres://me:secret@127.0.0.1:1/test",
          "--trials",
          "1",
        ],
        /open on 'postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/test' failed/,
      ],
      [["worker", "--storage", `journal:${join(root, "none.jsonl")}`, "--study", "nope"], /nope/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

#!/usr/bin/env node
// Runs the whole vitest suite (all projects) with the default reporter for people and the JSON
// reporter for machines, then prints one plain line `N passed, M failed` that CI reads. Exits
// non-zero when a test failed, when vitest failed, or when no test ran at all.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = mkdtempSync(join(tmpdir(), "backprop-vitest-"));
const jsonFile = join(out, "results.json");
const vitest = join(root, "node_modules", ".bin", "vitest");
const run = spawnSync(
  vitest,
  [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${jsonFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit" },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(jsonFile, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} catch (error) {
  console.error(`test-runner: could not read vitest's JSON report (${error.message})`);
  failed += 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (passed === 0) {
  console.error("test-runner: no test ran");
  process.exit(1);
}
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);

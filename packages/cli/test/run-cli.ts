import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect } from "vitest";

/** The built CLI, run as a real child process by the tests. */
export const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "bin.js");

/**
 * A temporary working directory for one test file (removed after it), and a check that the CLI
 * is built before any test runs.
 */
export function cliWorkspace(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(() => {
    expect(existsSync(bin), `${bin} is built (pnpm test builds every package first)`).toBe(true);
  });
  return root;
}

/** Runs `backprop …args` in `cwd` to completion. */
export function runCli(cwd: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, BACKPROP_DEBUG: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The one JSON object a `--json` run prints on stdout. */
export function jsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split("\n");
  expect(lines, "exactly one line on stdout with --json").toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

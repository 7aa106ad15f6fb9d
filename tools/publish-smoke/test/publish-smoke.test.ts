import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { publicPackages } from "../src/workspace.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..", "..");

describe("publish-smoke (real verdaccio, real npm install)", () => {
  it("publishes every package to a local registry and installs each one alone", () => {
    // `pnpm test` builds every package and tool (turbo) before vitest runs.
    const cli = join(here, "..", "dist", "cli.js");
    expect(existsSync(cli), "tools/publish-smoke is built (run `pnpm build`)").toBe(true);
    const result = spawnSync(process.execPath, [cli, "--root", repoRoot], {
      encoding: "utf8",
      timeout: 840_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    for (const p of publicPackages(repoRoot)) {
      expect(output).toMatch(
        new RegExp(`${p.name.replace("/", "\\/")}\\s+${p.version}\\s.*ok\\s+ok\\s+ok\\s+ok`),
      );
    }
    expect(output).toMatch(/publish-smoke: (\d+)\/\1 packages ok/);
  });
});

// Real processes appending to one journal at once: Optuna's lock protocol and single-write
// records must lose and duplicate nothing, and the random sampler must give trial n the same
// parameters as a single worker would.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createStudy, loadStudy, nopPruner, randomSampler } from "@backprop/hpo";
import { describe, expect, it } from "vitest";
import { tempDir } from "./support.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));

function worker(
  args: readonly string[],
  onReady: () => void,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(pkg, "test/fixtures/journal-worker.ts"), ...args],
      {
        cwd: pkg,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (stdout === "ready\n") onReady();
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve({ stdout, stderr })
        : reject(new Error(`worker exited ${code}: ${stderr}`)),
    );
  });
}

describe("two node processes on one journal", () => {
  it("run 2 × 25 trials: numbers 0..49, none lost or duplicated, the parameters of a single worker", async () => {
    const dir = tempDir();
    const path = join(dir, "shared.jsonl");
    let ready = 0;
    const go = () => void (++ready === 2 && writeFileSync(`${path}.go`, ""));
    const [a, b] = await Promise.all([
      worker([path, "shared", "25", "2024"], go),
      worker([path, "shared", "25", "2024"], go),
    ]);
    expect(a.stdout).toMatch(/^ready\ndone \d+\n$/);
    expect(b.stdout).toMatch(/^ready\ndone \d+\n$/);
    expect(`${a.stderr}${b.stderr}`).toBe("");

    const study = await loadStudy({ storage: `journal:${path}`, studyName: "shared" });
    expect(study.seed).toBe(2024);
    const trials = study.trials;
    expect(trials.map((t) => t.number)).toEqual([...Array(50).keys()]);
    expect(trials.every((t) => t.state === "COMPLETE" && t.value !== undefined)).toBe(true);
    const pids = new Set(trials.map((t) => t.userAttrs.pid));
    expect(pids.size).toBe(2);
    for (const pid of pids) expect(trials.filter((t) => t.userAttrs.pid === pid)).toHaveLength(25);
    // They did run at the same time: each one's trials span a time in which the other's ran too.
    const span = (pid: unknown) => {
      const mine = trials.filter((t) => t.userAttrs.pid === pid);
      return [
        Math.min(...mine.map((t) => t.datetimeStart!.getTime())),
        Math.max(...mine.map((t) => t.datetimeComplete!.getTime())),
      ];
    };
    const [first, second] = [...pids].map(span) as [[number, number], [number, number]];
    expect(first[0] < second[1] && second[0] < first[1]).toBe(true);
    // Worker independence: the same parameters trial by trial as one worker in memory.
    const alone = await createStudy({
      studyName: "alone",
      direction: "minimize",
      seed: 2024,
      sampler: randomSampler(),
      pruner: nopPruner(),
    });
    await alone.optimize(
      (t) => {
        t.suggestFloat("x", -1, 1);
        t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
        t.suggestCategorical("act", ["relu", "tanh"]);
        return 0;
      },
      { nTrials: 50 },
    );
    expect(trials.map((t) => t.params)).toEqual(alone.trials.map((t) => t.params));
  });
});

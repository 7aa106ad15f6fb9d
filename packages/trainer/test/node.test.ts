import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FormatError } from "@backprop/errors";
import { adam } from "@backprop/optimizers";
import { setDefaultBackend } from "@backprop/tensor-core";
import { fit, modelCheckpoint } from "@backprop/trainer";
import { directoryWriter, loadCheckpoint, saveCheckpoint } from "@backprop/trainer/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIG_RUN, bigData, bigModel } from "./fixtures/big-run.js";
import { backends, blobs, net, weights } from "./support.js";

const root = mkdtempSync(join(tmpdir(), "backprop-trainer-"));
const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
beforeAll(backends);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("checkpoints on disk", () => {
  it("saveCheckpoint / loadCheckpoint round-trip; directoryWriter creates the directory", async () => {
    setDefaultBackend("reference");
    const model = net("reference", { batchNorm: true });
    const optimizer = adam();
    const dir = join(root, "nested", "run");
    const result = await fit({
      model,
      optimizer,
      train: blobs(40, 1),
      epochs: 2,
      batchSize: 20,
      callbacks: [modelCheckpoint({ writer: directoryWriter(dir), config: { dataset: "blobs" } })],
    });
    expect(readdirSync(dir).sort()).toEqual(["best.safetensors", "last.safetensors"]);
    const back = await loadCheckpoint(join(dir, "last.safetensors"));
    expect(back.config).toEqual({ dataset: "blobs" });
    expect(weights(back.model)).toEqual(weights(model));
    const path = join(root, "saved.safetensors");
    await saveCheckpoint(path, { model, optimizer, state: result.state });
    expect((await loadCheckpoint(path)).state.iteration).toBe(4);
    for (const m of [model, back.model]) m.dispose();
  });

  it("a missing, truncated or foreign file is a FormatError naming it", async () => {
    const missing = await loadCheckpoint(join(root, "nope.safetensors")).catch((e: unknown) => e);
    expect(FormatError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toMatch(/nope\.safetensors: cannot be read \(ENOENT/);
    const model = net("reference");
    const optimizer = adam();
    const { state } = await fit({ model, optimizer, train: blobs(20, 1), epochs: 1 });
    const good = join(root, "good.safetensors");
    await saveCheckpoint(good, { model, optimizer, state });
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(good);
    const torn = join(root, "torn.safetensors");
    writeFileSync(torn, bytes.subarray(0, bytes.length - 100));
    const e1 = await loadCheckpoint(torn).catch((e: unknown) => e);
    expect(FormatError.isInstance(e1), String(e1)).toBe(true);
    expect((e1 as Error).message).toMatch(/torn\.safetensors/);
    const { saveModel } = await import("@backprop/layers/node");
    const plain = join(root, "model.safetensors");
    await saveModel(model, plain);
    await expect(loadCheckpoint(plain)).rejects.toThrow(
      /model\.safetensors.*not a training checkpoint/,
    );
    model.dispose();
  });
});

describe("SIGKILL in the middle of writing a checkpoint", () => {
  /** Runs the big run in a child and kills it as soon as a checkpoint write has begun after epoch `after`. */
  function killDuringWrite(dir: string, after: number): Promise<{ leftovers: string[] }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", join(pkg, "test/fixtures/big-run.ts"), "child", dir],
        {
          cwd: pkg,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stderr = "";
      child.stderr.on("data", (d) => {
        stderr += d;
      });
      let armed = false;
      const watcher = watch(dir, (_event, name) => {
        if (armed && name?.endsWith(".tmp")) {
          child.kill("SIGKILL");
          armed = false;
        }
      });
      child.stdout.on("data", (d: Buffer) => {
        if (d.toString().includes(`saved ${after}`)) armed = true;
      });
      child.on("exit", (code, signal) => {
        watcher.close();
        if (signal !== "SIGKILL") return reject(new Error(`child exited ${code}: ${stderr}`));
        resolve({ leftovers: readdirSync(dir).filter((f) => f.endsWith(".tmp")) });
      });
    });
  }

  it("leaves the previous complete checkpoint, and resuming from it gives the uninterrupted run's weights", async () => {
    setDefaultBackend("wasm");
    let dir = "";
    let leftovers: string[] = [];
    // The kill must land between the temporary file's creation and its rename; retry if it was late.
    for (let attempt = 0; attempt < 4 && leftovers.length === 0; attempt++) {
      dir = mkdtempSync(join(root, "kill-"));
      ({ leftovers } = await killDuringWrite(dir, 2));
    }
    expect(leftovers.length, "a temporary file was left half-written").toBeGreaterThan(0);
    expect(readdirSync(dir)).toContain("last.safetensors");
    const ck = await loadCheckpoint(join(dir, "last.safetensors"));
    expect(ck.state.epoch).toBe(2);

    const common = { ...BIG_RUN, train: bigData(), epochs: 4 };
    const resumed = await fit({
      ...common,
      model: ck.model,
      optimizer: ck.optimizer,
      resume: ck.state,
    });
    const model = bigModel();
    const straight = await fit({ ...common, model, optimizer: adam({ lr: 1e-3 }) });
    expect(resumed.history.loss).toEqual(straight.history.loss);
    expect(weights(ck.model)).toEqual(weights(model));
    ck.model.dispose();
    model.dispose();
  }, 240_000);
});

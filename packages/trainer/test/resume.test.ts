import { adam, momentum } from "@backprop/optimizers";
import { setDefaultBackend } from "@backprop/tensor-core";
import {
  type Callback,
  deserializeCheckpoint,
  earlyStopping,
  type FitResult,
  fit,
  type History,
  modelCheckpoint,
  reduceLROnPlateau,
  stepDecay,
} from "@backprop/trainer";
import { beforeAll, describe, expect, it } from "vitest";
import { backends, blobs, net, weights } from "./support.js";

// The promise of checkpoints: training N epochs, stopping, and resuming for M more gives exactly
// the weights (and the losses, metrics and learning rates) of one uninterrupted N+M-epoch run —
// Dropout masks, batch orders, evaluation samples, optimizer moments, BatchNorm statistics and
// the callbacks' counters included.

beforeAll(backends);

const curve = (h: History) => ({
  loss: h.loss,
  epochs: h.epochs.map((e) => ({
    epoch: e.epoch,
    iteration: e.iteration,
    lr: e.lr,
    loss: e.loss,
    metrics: e.metrics,
  })),
});

function memoryWriter() {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    writer: { write: (name: string, bytes: Uint8Array) => void files.set(name, bytes) },
  };
}

describe.each(["reference", "wasm"] as const)("resume on %s", (backend) => {
  beforeAll(() => setDefaultBackend(backend));

  it("4 epochs + checkpoint + 4 more = 8 uninterrupted epochs, bit for bit", async () => {
    const train = blobs(160, 3);
    const common = {
      train,
      validationSplit: 0.25,
      evaluationSample: 20,
      batchSize: 16,
      seed: 7,
    };
    const callbacks = (): Callback[] => [
      reduceLROnPlateau({ monitor: "validation.accuracy", patience: 1, factor: 0.5, minDelta: 0 }),
      earlyStopping({ monitor: "validation.accuracy", patience: 100, restoreBest: true }),
    ];
    const fresh = () => ({
      model: net(backend, { batchNorm: true, dropout: 0.25 }),
      optimizer: adam({ lr: 0.02 }),
    });

    const a = fresh();
    const straight = await fit({ ...common, ...a, epochs: 8, callbacks: callbacks() });

    const b = fresh();
    const disk = memoryWriter();
    await fit({
      ...common,
      ...b,
      epochs: 4,
      callbacks: [...callbacks(), modelCheckpoint({ writer: disk.writer, save: "last" })],
    });
    b.model.dispose();
    const ck = deserializeCheckpoint(disk.files.get("last.safetensors")!, {
      file: "last.safetensors",
    });
    expect(ck.state.epoch).toBe(4);
    const resumed = await fit({
      ...common,
      model: ck.model,
      optimizer: ck.optimizer,
      resume: ck.state,
      epochs: 8,
      callbacks: [...callbacks(), modelCheckpoint({ writer: disk.writer, save: "last" })],
    });
    expect(resumed.history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(curve(resumed.history)).toEqual(curve(straight.history));
    // The plateau schedule did cut the rate on the way (so its counters had to survive).
    expect(new Set(straight.history.epochs.map((e) => e.lr)).size).toBeGreaterThan(1);
    expect(weights(ck.model)).toEqual(weights(a.model));
    expect(ck.optimizer.state().iterations).toBe(a.optimizer.iterations);
    a.model.dispose();
    ck.model.dispose();
  });

  it("book mode and an lr schedule resume exactly too", async () => {
    const common = { train: blobs(120, 5), batchSize: 40, seed: 2, mode: "book" as const };
    const callbacks = () => [stepDecay({ every: 2, factor: 0.5 })];
    const a = { model: net(backend, { dropout: 0.1 }), optimizer: momentum({ lr: 0.05 }) };
    const straight = await fit({ ...common, ...a, epochs: 6, callbacks: callbacks() });
    const b = { model: net(backend, { dropout: 0.1 }), optimizer: momentum({ lr: 0.05 }) };
    const disk = memoryWriter();
    await fit({
      ...common,
      ...b,
      epochs: 3,
      callbacks: [...callbacks(), modelCheckpoint({ writer: disk.writer })],
    });
    const ck = deserializeCheckpoint(disk.files.get("last.safetensors")!);
    const resumed: FitResult = await fit({
      ...common,
      model: ck.model,
      optimizer: ck.optimizer,
      resume: ck.state,
      epochs: 6,
      callbacks: callbacks(),
    });
    expect(curve(resumed.history)).toEqual(curve(straight.history));
    expect(straight.history.epochs.map((e) => e.lr)).toEqual([
      0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125,
    ]);
    expect(weights(ck.model)).toEqual(weights(a.model));
    for (const m of [a.model, b.model, ck.model]) m.dispose();
  });
});

import { InvalidOptionError } from "@backprop/errors";
import { adam, sgd } from "@backprop/optimizers";
import { setDefaultBackend } from "@backprop/tensor-core";
import {
  cosineDecay,
  deserializeCheckpoint,
  earlyStopping,
  exponentialDecay,
  fit,
  learningRateSchedule,
  modelCheckpoint,
  NonFiniteLossError,
  type ProgressEvent,
  progress,
  reduceLROnPlateau,
  stepDecay,
  terminateOnNaN,
} from "@backprop/trainer";
import { beforeAll, describe, expect, it } from "vitest";
import { backends, blobs, net, weights } from "./support.js";

beforeAll(async () => {
  await backends();
  setDefaultBackend("reference");
});

const lrs = async (callback: ReturnType<typeof stepDecay>, epochs = 5, lr = 0.1) => {
  const model = net("reference");
  const { history } = await fit({
    model,
    optimizer: sgd({ lr }),
    train: blobs(20, 1),
    epochs,
    callbacks: [callback],
  });
  model.dispose();
  return history.epochs.map((e) => e.lr);
};

describe("learning-rate schedules", () => {
  it("step, exponential, cosine and a custom schedule set the rate before each epoch", async () => {
    expect(await lrs(stepDecay({ every: 2, factor: 0.5 }))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const exp = await lrs(exponentialDecay({ rate: 0.5 }));
    for (const [i, lr] of exp.entries()) expect(lr).toBeCloseTo(0.1 * 0.5 ** i, 15);
    const cos = await lrs(cosineDecay({ minLr: 0.01 }), 4);
    const expected = [0, 1, 2, 3].map((i) => 0.01 + 0.045 * (1 + Math.cos((Math.PI * i) / 4)));
    for (const [i, lr] of cos.entries()) expect(lr).toBeCloseTo(expected[i]!, 15);
    expect(
      await lrs(
        learningRateSchedule((e, lr0) => lr0 / e),
        3,
      ),
    ).toEqual([0.1, 0.05, 0.1 / 3]);
    expect(await lrs(stepDecay({ every: 1, factor: 0.5, initialLr: 1 }), 2)).toEqual([1, 0.5]);
  });

  it("rejects bad settings by name", async () => {
    expect(() => stepDecay({ every: 0 })).toThrow(/'every'/);
    expect(() => exponentialDecay({ rate: 1.5 })).toThrow(/'rate'/);
    expect(() => cosineDecay({ minLr: -1 })).toThrow(/'minLr'/);
    await expect(lrs(learningRateSchedule(() => Number.NaN))).rejects.toThrow(
      /'schedule'.*epoch 1/,
    );
  });

  it("reduceLROnPlateau cuts the rate after `patience` epochs without improvement (Keras's rule)", async () => {
    // A rate too small to move any weight: the validation loss is the same every epoch, so only
    // epoch 1 improves and the schedule's own counting decides every cut.
    const run = async (cooldown: number) => {
      const model = net("reference");
      const { history } = await fit({
        model,
        optimizer: sgd({ lr: 1e-300 }),
        train: blobs(20, 1),
        validation: blobs(20, 2),
        epochs: 8,
        callbacks: [reduceLROnPlateau({ patience: 2, factor: 0.5, cooldown })],
      });
      model.dispose();
      return history.epochs.map((e) => e.lr / 1e-300);
    };
    const ratios = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 1000);
    expect(ratios(await run(0))).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125]);
    expect(ratios(await run(2))).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
  });

  it("a monitor naming a metric the run does not have is an error listing those it has", async () => {
    const model = net("reference");
    const error = await fit({
      model,
      optimizer: sgd(),
      train: blobs(20, 1),
      epochs: 2,
      callbacks: [reduceLROnPlateau({ monitor: "validation.accuracy" })],
    }).catch((e: unknown) => e);
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/'monitor'.*"loss", "train.loss", "train.accuracy"/);
    model.dispose();
  });
});

describe("earlyStopping", () => {
  it("stops after `patience` epochs without improvement and restores the best epoch's weights", async () => {
    const model = net("reference");
    const byEpoch: Array<Record<string, number[]>> = [];
    const stopper = earlyStopping({ monitor: "validation.loss", patience: 2, restoreBest: true });
    const result = await fit({
      model,
      optimizer: sgd({ lr: 0.05 }),
      train: blobs(60, 1),
      validation: blobs(30, 2),
      epochs: 30,
      batchSize: 20,
      callbacks: [
        // Good steps for three epochs, then a rate that wrecks the model.
        learningRateSchedule((epoch) => (epoch <= 3 ? 0.05 : 40)),
        stopper,
        { onEpochEnd: () => void byEpoch.push(weights(model)) },
      ],
    });
    expect(result.stopReason).toBe("stopped");
    expect(result.stopMessage).toMatch(/early stopping: validation.loss has not improved/);
    const best = stopper.bestEpoch!;
    expect(best).toBeGreaterThanOrEqual(3);
    expect(result.history.epochs).toHaveLength(best + 2);
    expect(weights(model)).toEqual(byEpoch[best - 1]);
    expect(weights(model)).not.toEqual(byEpoch.at(-1));
    model.dispose();
  });

  it("restoreBest needs a layers Sequential; bad settings are named", async () => {
    expect(() => earlyStopping({ patience: -1 })).toThrow(/'patience'/);
    const model = net("reference");
    const bare = {
      params: model.params,
      lossFunction: model.lossFunction,
      lossAndGradient: model.lossAndGradient.bind(model),
      forward: model.forward.bind(model),
    };
    await expect(
      fit({
        model: bare,
        optimizer: sgd(),
        train: blobs(10, 1),
        epochs: 1,
        callbacks: [earlyStopping({ restoreBest: true })],
      }),
    ).rejects.toThrow(/'model' of 'earlyStopping'.*Sequential/);
    model.dispose();
  });
});

describe("terminateOnNaN and modelCheckpoint", () => {
  it("a diverging run ends with an error naming the first non-finite iteration; the last good checkpoint stays", async () => {
    const model = net("reference");
    const files = new Map<string, Uint8Array>();
    const writes: string[] = [];
    const losses: number[] = [];
    const error = await fit({
      model,
      optimizer: sgd({ lr: 0.05 }),
      train: blobs(60, 1),
      validation: blobs(30, 2),
      epochs: 20,
      batchSize: 10,
      callbacks: [
        learningRateSchedule((epoch) => (epoch <= 2 ? 0.05 : 1e30)),
        { onBatchEnd: (l) => void losses.push(l.loss) },
        terminateOnNaN(),
        modelCheckpoint({
          writer: {
            write: (name, bytes) => {
              files.set(name, bytes);
              writes.push(name);
            },
          },
          monitor: "validation.accuracy",
        }),
      ],
    }).catch((e: unknown) => e);
    expect(NonFiniteLossError.isInstance(error)).toBe(true);
    const e = error as NonFiniteLossError;
    const first = losses.findIndex((l) => !Number.isFinite(l));
    expect(e.iteration).toBe(first + 1);
    expect(e.epoch).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(
      new RegExp(`at iteration ${e.iteration} \\(epoch ${e.epoch}, batch ${e.batch}\\)`),
    );
    const last = deserializeCheckpoint(files.get("last.safetensors")!);
    expect(last.state.epoch).toBe(e.epoch - 1);
    expect(Object.values(weights(last.model)).flat().every(Number.isFinite)).toBe(true);
    expect(writes.filter((w) => w === "last.safetensors")).toHaveLength(e.epoch - 1);
    expect(writes).toContain("best.safetensors");
    last.model.dispose();
    model.dispose();
  });

  it("writes best only when the monitored metric improves", async () => {
    const model = net("reference");
    const writes: Array<[string, number]> = [];
    await fit({
      model,
      optimizer: sgd({ lr: 1e-300 }), // nothing changes after epoch 1
      train: blobs(20, 1),
      validation: blobs(20, 2),
      epochs: 3,
      callbacks: [
        modelCheckpoint({
          writer: {
            write: (name, bytes) =>
              void writes.push([name, deserializeCheckpoint(bytes).state.epoch]),
          },
          save: "both",
        }),
      ],
    });
    expect(writes).toEqual([
      ["last.safetensors", 1],
      ["best.safetensors", 1],
      ["last.safetensors", 2],
      ["last.safetensors", 3],
    ]);
    model.dispose();
  });
});

describe("progress", () => {
  it("throttles batch events, always reports each epoch's last batch and every epoch", async () => {
    const events: ProgressEvent[] = [];
    const model = net("reference");
    await fit({
      model,
      optimizer: adam(),
      train: blobs(50, 1),
      epochs: 2,
      batchSize: 10,
      callbacks: [progress((e) => void events.push(e), { intervalMs: 1e9 })],
    });
    expect(events.map((e) => `${e.kind}${e.logs.epoch}`)).toEqual([
      "batch1",
      "batch1",
      "epoch1",
      "batch2",
      "epoch2",
    ]);
    const first = events[0]!;
    expect(first.kind === "batch" && first.logs).toMatchObject({
      batch: 1,
      batches: 5,
      epochs: 2,
      size: 10,
    });
    const epoch = events[2]!;
    expect(epoch.kind === "epoch" && epoch.epochs).toBe(2);
    model.dispose();
  });
});

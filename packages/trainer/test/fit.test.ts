import { InvalidOptionError } from "@backprop/errors";
import { Dense, Sequential, SigmoidBinaryCrossEntropy, Tanh } from "@backprop/layers";
import { adam, momentum, sgd } from "@backprop/optimizers";
import { createRng } from "@backprop/random";
import { memory, setDefaultBackend } from "@backprop/tensor-core";
import { type Callback, type EpochLogs, fit, type TrainableModel } from "@backprop/trainer";
import { beforeAll, describe, expect, it } from "vitest";
import { backends, blobs, net, weights } from "./support.js";

beforeAll(backends);

describe.each(["reference", "wasm"] as const)("fit on %s", (backend) => {
  beforeAll(() => setDefaultBackend(backend));

  it("learns, records a history and scores every set in eval mode", async () => {
    const train = blobs(300, 1);
    const test = blobs(150, 2);
    const model = net(backend, { batchNorm: true, dropout: 0.1 });
    const { history, stopReason, state } = await fit({
      model,
      optimizer: adam({ lr: 0.01 }),
      train,
      epochs: 6,
      batchSize: 32,
      validationSplit: 0.2,
      evaluate: { test },
      seed: 3,
    });
    expect(stopReason).toBe("completed");
    expect(history.epochs).toHaveLength(6);
    // 240 training rows after the split → 8 batches of ≤ 32 per epoch.
    expect(history.loss).toHaveLength(6 * 8);
    expect(state).toMatchObject({ epoch: 6, iteration: 48, seed: 3, mode: "epoch" });
    const last = history.epochs.at(-1)!;
    expect(Object.keys(last.metrics).sort()).toEqual([
      "test.accuracy",
      "test.loss",
      "train.accuracy",
      "train.loss",
      "validation.accuracy",
      "validation.loss",
    ]);
    expect(last.metrics["test.accuracy"]).toBeGreaterThan(0.9);
    expect(last.metrics["validation.accuracy"]).toBeGreaterThan(0.9);
    expect(history.loss.at(-1)!).toBeLessThan(history.loss[0]!);
    expect(last).toMatchObject({ epoch: 6, iteration: 48, lr: 0.01 });
    expect(last.samplesPerSecond).toBeGreaterThan(0);
    model.dispose();
  });

  it("the same seed gives the same weights; another seed other weights", async () => {
    const run = async (seed: number) => {
      const model = net(backend, { dropout: 0.2 });
      await fit({
        model,
        optimizer: sgd({ lr: 0.1 }),
        train: blobs(90, 1),
        epochs: 3,
        batchSize: 16,
        seed,
      });
      const w = weights(model);
      model.dispose();
      return w;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });

  it("keeps the tensor count flat: every epoch ends where the first one did", async () => {
    const counts: number[] = [];
    const model = net(backend, { batchNorm: true, dropout: 0.2 });
    await fit({
      model,
      optimizer: adam({ lr: 0.01 }),
      train: blobs(120, 4),
      validation: blobs(60, 5),
      epochs: 5,
      batchSize: 25,
      callbacks: [{ onEpochEnd: () => void counts.push(memory().numTensors) }],
    });
    expect(counts).toHaveLength(5);
    expect(new Set(counts).size).toBe(1);
    model.dispose();
  });
});

describe("fit: modes, samples, hooks and stops", () => {
  beforeAll(() => setDefaultBackend("reference"));

  /** Wraps a model to see which rows each pass gets. */
  function spy(model: TrainableModel) {
    const trainRows: number[] = [];
    const evalRows: number[] = [];
    const wrapped: TrainableModel = {
      params: model.params,
      lossFunction: model.lossFunction,
      lossAndGradient: (x, t, o) => {
        trainRows.push(x.shape[0]!);
        return model.lossAndGradient(x, t, o);
      },
      forward: (x, o) => {
        evalRows.push(x.shape[0]!);
        return model.forward(x, o);
      },
    };
    return { wrapped, trainRows, evalRows };
  }

  it("book mode: count/batchSize iterations per epoch, with replacement, evaluated after iteration 0", async () => {
    const model = net("reference");
    const { wrapped, trainRows } = spy(model);
    const { history, state } = await fit({
      model: wrapped,
      optimizer: sgd({ lr: 0.1 }),
      train: blobs(300, 1),
      epochs: 4,
      batchSize: 100,
      mode: "book",
    });
    // max_iter = epochs · 300/100 = 12; evaluations at iterations 0, 3, 6, 9 (after the step).
    expect(state.iteration).toBe(12);
    expect(trainRows).toEqual(new Array(12).fill(100));
    expect(history.epochs.map((e) => e.iteration)).toEqual([1, 4, 7, 10]);
    expect(history.loss).toHaveLength(12);
    model.dispose();
  });

  it("book mode draws batches with replacement; epoch mode visits every row once", async () => {
    const rows = (mode: "book" | "epoch") => {
      const seen: number[][] = [];
      const data = blobs(50, 1);
      // Tag every row with its index in feature 0 to read the batches back.
      for (let i = 0; i < 50; i++) data.features[i * 6] = i;
      const model = net("reference");
      const wrapped: TrainableModel = {
        params: model.params,
        lossFunction: model.lossFunction,
        forward: (x, o) => model.forward(x, o),
        lossAndGradient: (x, t, o) => {
          const v = x.dataSync();
          seen.push(Array.from({ length: x.shape[0]! }, (_, i) => Number(v[i * 6])));
          return model.lossAndGradient(x, t, o);
        },
      };
      return fit({
        model: wrapped,
        optimizer: sgd({ lr: 0 }),
        train: data,
        epochs: 2,
        batchSize: 10,
        mode,
      }).then(() => seen);
    };
    const epoch = await rows("epoch");
    expect(epoch).toHaveLength(10);
    expect(
      epoch
        .slice(0, 5)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(epoch.slice(0, 5).flat()).not.toEqual(epoch.slice(5).flat()); // reshuffled
    const book = await rows("book");
    expect(book).toHaveLength(10);
    const repeats = book.some((b) => new Set(b).size < b.length);
    const missed = new Set(book.slice(0, 5).flat()).size < 50;
    expect(repeats || missed).toBe(true);
  });

  it("evaluationSample scores a fresh random sample of N rows of every set per epoch", async () => {
    const model = net("reference");
    const { wrapped, evalRows } = spy(model);
    await fit({
      model: wrapped,
      optimizer: sgd({ lr: 0.1 }),
      train: blobs(200, 1),
      validation: blobs(80, 2),
      epochs: 2,
      batchSize: 50,
      evaluationSample: 30,
    });
    expect(evalRows).toEqual([30, 30, 30, 30]);
    model.dispose();
  });

  it("runs the hooks in order, and onCheckpoint after every onEpochEnd", async () => {
    const log: string[] = [];
    const hooks = (tag: string): Callback => ({
      onTrainBegin: () => void log.push(`${tag}:begin`),
      onEpochBegin: (e) => void log.push(`${tag}:epoch${e}`),
      onEpochEnd: (l) => void log.push(`${tag}:end${l.epoch}`),
      onCheckpoint: (l) => void log.push(`${tag}:ckpt${l.epoch}`),
      onTrainEnd: () => void log.push(`${tag}:done`),
    });
    let batches = 0;
    const model = net("reference");
    await fit({
      model,
      optimizer: sgd(),
      train: blobs(20, 1),
      epochs: 2,
      batchSize: 10,
      callbacks: [hooks("a"), hooks("b"), { onBatchEnd: () => void batches++ }],
    });
    expect(batches).toBe(4);
    expect(log).toEqual([
      "a:begin",
      "b:begin",
      "a:epoch1",
      "b:epoch1",
      "a:end1",
      "b:end1",
      "a:ckpt1",
      "b:ckpt1",
      "a:epoch2",
      "b:epoch2",
      "a:end2",
      "b:end2",
      "a:ckpt2",
      "b:ckpt2",
      "a:done",
      "b:done",
    ]);
    model.dispose();
  });

  it("a plain-object callback can stop the run (what hpo's pruning does)", async () => {
    const model = net("reference");
    const seen: EpochLogs[] = [];
    const result = await fit({
      model,
      optimizer: sgd({ lr: 0.1 }),
      train: blobs(60, 1),
      validation: blobs(30, 2),
      epochs: 10,
      batchSize: 30,
      callbacks: [
        {
          onEpochEnd(logs, control) {
            seen.push(logs);
            if (logs.epoch === 3) control.stop("pruned at epoch 3");
          },
        },
      ],
    });
    expect(result.stopReason).toBe("stopped");
    expect(result.stopMessage).toBe("pruned at epoch 3");
    expect(result.history.epochs).toHaveLength(3);
    expect(seen[0]!.metrics["validation.accuracy"]).toBeTypeOf("number");
    model.dispose();
  });

  it("an AbortSignal stops cleanly between steps", async () => {
    const model = net("reference");
    const controller = new AbortController();
    const result = await fit({
      model,
      optimizer: sgd({ lr: 0.1 }),
      train: blobs(100, 1),
      epochs: 5,
      batchSize: 10,
      signal: controller.signal,
      callbacks: [{ onBatchEnd: (l) => void (l.iteration === 13 && controller.abort()) }],
    });
    expect(result.stopReason).toBe("aborted");
    expect(result.state.iteration).toBe(13);
    expect(result.history.epochs).toHaveLength(1);
    model.dispose();
  });

  it("float targets: binary cross-entropy on one output, accuracy from the logit's sign", async () => {
    const rng = createRng(2);
    const model = new Sequential(
      [
        new Dense(2, 8, { name: "l1", rng, backend: "reference" }),
        new Tanh(),
        new Dense(8, 1, { name: "l2", rng, backend: "reference" }),
      ],
      { loss: new SigmoidBinaryCrossEntropy() },
    );
    const xor = {
      count: 4,
      featureShape: [2],
      features: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]),
      labels: new Int32Array([0, 1, 1, 0]),
      targets: { values: new Float32Array([0, 1, 1, 0]), shape: [4, 1] },
    };
    const { history } = await fit({
      model,
      optimizer: adam({ lr: 0.05 }),
      train: xor,
      epochs: 300,
      batchSize: 4,
    });
    expect(history.epochs.at(-1)!.metrics["train.accuracy"]).toBe(1);
    model.dispose();
  });

  it("bad options are typed errors naming the option", async () => {
    const model = net("reference");
    const train = blobs(20, 1);
    const base = { model, optimizer: sgd(), train, epochs: 1 };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ epochs: 0 }, /'epochs'/],
      [{ batchSize: 0 }, /'batchSize'/],
      [{ batchSize: 2.5 }, /'batchSize'/],
      [{ validationSplit: 1 }, /'validationSplit'/],
      [{ validation: train, validationSplit: 0.2 }, /'validationSplit'/],
      [{ mode: "fast" }, /'mode'/],
      [{ evaluationSample: 0 }, /'evaluationSample'/],
      [{ evaluate: { train } }, /'evaluate.train'/],
      [{ train: { ...train, features: new Float32Array(3) } }, /'train.features'/],
      [{ train: { ...train, labels: new Int32Array(2) } }, /'train.labels'/],
      [{ model: {} }, /'model'/],
      [{ optimizer: undefined }, /'optimizer'/],
      [{ callbacks: [{ name: "x" }, { name: "x" }] }, /'callbacks\[1\]\.name'/],
    ];
    for (const [patch, pattern] of cases) {
      const error = await fit({ ...base, ...patch } as never).catch((e: unknown) => e);
      expect(error, pattern.source).toBeInstanceOf(Error);
      expect((error as Error).message, pattern.source).toMatch(pattern);
      expect(
        InvalidOptionError.isInstance(error) || (error as Error).name === "ShapeError",
        pattern.source,
      ).toBe(true);
    }
    const optimizer = momentum();
    const { state } = await fit({ ...base, optimizer });
    await expect(fit({ ...base, optimizer: momentum(), resume: state })).rejects.toThrow(
      /'optimizer'.*after 1 step\)/,
    );
    await expect(fit({ ...base, optimizer, resume: state, seed: 9 })).rejects.toThrow(/'seed'/);
    model.dispose();
  });
});

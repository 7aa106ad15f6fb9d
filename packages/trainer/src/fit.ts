import { InvalidOptionError } from "@backprop/errors";
import { createRng, deriveRng, type Rng } from "@backprop/random";
import { type BackendName, scope, type Tensor } from "@backprop/tensor-core";
import { BatchTensors } from "./batch-tensors.js";
import { splitDataset } from "./dataset-ops.js";
import { evaluate } from "./evaluate.js";
import { type FitOptions, type ResolvedFit, resolveFitOptions } from "./fit-options.js";
import { nextTask } from "./next-task.js";
import type {
  BatchLogs,
  CallbackState,
  Dataset,
  EpochLogs,
  FitResult,
  History,
  StopReason,
  TrainerState,
  TrainingControl,
} from "./types.js";

const now = () => performance.now();

/**
 * Trains a model: mini-batch steps of the optimizer over `train` for `epochs` epochs, scoring
 * the training set, the validation data (given, or split off `train` from the seed) and any
 * `evaluate` sets in eval mode after every epoch, with callbacks around every step and epoch.
 * Everything random comes from `seed`, so a seed gives the same weights on every run — and a
 * run resumed from a checkpoint at an epoch boundary gives exactly the weights of an
 * uninterrupted one. Runs in Node and in browsers (it yields to the event loop every
 * `yieldIntervalMs`).
 *
 * @example
 * ```ts
 * import { multiLayerNet } from "@backprop/layers";
 * import { adam } from "@backprop/optimizers";
 * import { createRng } from "@backprop/random";
 * import { initBackend } from "@backprop/tensor-core";
 * import { fit } from "@backprop/trainer";
 * await initBackend({ backend: "reference" });
 * const xor = { count: 4, featureShape: [2], features: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), labels: new Int32Array([0, 1, 1, 0]) };
 * const model = multiLayerNet({ inputSize: 2, hiddenSizes: [8], outputSize: 2, activation: "tanh", rng: createRng(1) });
 * const { history } = await fit({ model, optimizer: adam({ lr: 0.05 }), train: xor, epochs: 200, batchSize: 4, seed: 1 });
 * console.log(history.epochs.at(-1)?.metrics["train.accuracy"]); // 1
 * ```
 */
export async function fit(options: FitOptions): Promise<FitResult> {
  return new Run(options, resolveFitOptions(options)).run();
}

class Run {
  readonly #o: FitOptions;
  readonly #r: ResolvedFit;
  readonly #train: Dataset;
  readonly #sets: ReadonlyArray<readonly [string, Dataset]>;
  readonly #backend: BackendName;
  readonly #shuffle: Rng;
  readonly #dropout: Rng;
  readonly #sample: Rng;
  readonly #history: History;
  readonly #control: TrainingControl;
  #epoch: number;
  #iteration: number;
  #stopMessage: string | undefined;
  #lastYield = now();

  constructor(options: FitOptions, resolved: ResolvedFit) {
    this.#o = options;
    this.#r = resolved;
    const { seed } = resolved;
    let train = options.train;
    let validation = options.validation;
    if (options.validationSplit !== undefined) {
      const split = splitDataset(train, {
        fraction: options.validationSplit,
        rng: deriveRng(seed, "validation-split"),
        stratified: options.stratify ?? true,
      });
      train = split.train;
      validation = split.validation;
    }
    this.#train = train;
    this.#sets = [
      ...(resolved.evaluateTrain ? [["train", train] as const] : []),
      ...(validation === undefined ? [] : [["validation", validation] as const]),
      ...Object.entries(options.evaluate ?? {}),
    ];
    const first = options.model.params.values().next().value as Tensor | undefined;
    if (first === undefined) {
      throw new InvalidOptionError({
        op: "fit",
        option: "model",
        value: "a model without parameters",
        expected: "a model with parameters",
      });
    }
    this.#backend = first.backend;
    const resume = options.resume;
    this.#shuffle = resume ? createRng(resume.rng.shuffle) : deriveRng(seed, "shuffle");
    this.#dropout = resume ? createRng(resume.rng.dropout) : deriveRng(seed, "dropout");
    this.#sample = resume ? createRng(resume.rng.sample) : deriveRng(seed, "evaluation-sample");
    this.#history = resume
      ? { loss: [...resume.history.loss], epochs: resume.history.epochs.map((e) => ({ ...e })) }
      : { loss: [], epochs: [] };
    this.#epoch = resume?.epoch ?? 0;
    this.#iteration = resume?.iteration ?? 0;
    this.#control = this.#makeControl();
    if (resume !== undefined) {
      for (const cb of resolved.callbacks) {
        const saved = cb.name === undefined ? undefined : resume.callbacks[cb.name];
        if (saved !== undefined) cb.loadState?.(saved);
      }
    }
  }

  async run(): Promise<FitResult> {
    const callbacks = this.#r.callbacks;
    for (const cb of callbacks) await cb.onTrainBegin?.(this.#control);
    const reason = this.#r.mode === "book" ? await this.#runBook() : await this.#runEpochs();
    const result: FitResult = {
      history: this.#history,
      stopReason: reason,
      ...(this.#stopMessage === undefined ? {} : { stopMessage: this.#stopMessage }),
      state: this.#state(),
    };
    for (const cb of callbacks) await cb.onTrainEnd?.(result, this.#control);
    return result;
  }

  async #runEpochs(): Promise<StopReason> {
    const { batchSize, epochs } = this.#r;
    const n = this.#train.count;
    const batches = this.#r.dropLast
      ? Math.max(1, Math.floor(n / batchSize))
      : Math.ceil(n / batchSize);
    const batcher = new BatchTensors(this.#train, this.#backend);
    while (this.#epoch < epochs) {
      const epoch = this.#epoch + 1;
      for (const cb of this.#r.callbacks) await cb.onEpochBegin?.(epoch, this.#control);
      const order = this.#r.shuffle
        ? this.#shuffle.permutation(n)
        : Int32Array.from({ length: n }, (_, i) => i);
      const lr = this.#control.lr;
      const started = now();
      let losses = 0;
      let samples = 0;
      let steps = 0;
      for (let b = 0; b < batches; b++) {
        if (this.#o.signal?.aborted) return "aborted";
        const indices = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
        const loss = this.#step(batcher, indices);
        losses += loss;
        samples += indices.length;
        steps++;
        const rate = samples / Math.max((now() - started) / 1000, 1e-9);
        const left = (epochs - epoch) * n + (n - samples);
        await this.#afterStep({
          epoch,
          epochs,
          batch: b + 1,
          batches,
          iteration: this.#iteration,
          size: indices.length,
          loss,
          samplesPerSecond: rate,
          etaSeconds: left / rate,
        });
        if (this.#stopMessage !== undefined) break;
      }
      await this.#endEpoch(epoch, lr, losses / steps, samples, now() - started);
      if (this.#stopMessage !== undefined) return "stopped";
    }
    return "completed";
  }

  async #runBook(): Promise<StopReason> {
    const { batchSize, epochs } = this.#r;
    const n = this.#train.count;
    // The book's Trainer: a float number of iterations per epoch, batches drawn with replacement,
    // an evaluation after iteration 0 and after every multiple of itersPerEpoch.
    const itersPerEpoch = Math.max(n / batchSize, 1);
    const maxIter = Math.floor(epochs * itersPerEpoch);
    const batches = Math.round(itersPerEpoch);
    const batcher = new BatchTensors(this.#train, this.#backend);
    let started = now();
    let losses = 0;
    let samples = 0;
    let steps = 0;
    let lr = this.#control.lr;
    if (this.#iteration < maxIter)
      for (const cb of this.#r.callbacks) await cb.onEpochBegin?.(this.#epoch + 1, this.#control);
    while (this.#iteration < maxIter) {
      if (this.#o.signal?.aborted) return "aborted";
      const iter = this.#iteration;
      const indices = this.#shuffle.sample(n, batchSize, { replace: true });
      const loss = this.#step(batcher, indices);
      losses += loss;
      samples += batchSize;
      steps++;
      const rate = samples / Math.max((now() - started) / 1000, 1e-9);
      await this.#afterStep({
        epoch: this.#epoch + 1,
        epochs,
        batch: steps,
        batches,
        iteration: this.#iteration,
        size: batchSize,
        loss,
        samplesPerSecond: rate,
        etaSeconds: ((maxIter - this.#iteration) * batchSize) / rate,
      });
      if (iter % itersPerEpoch === 0 || this.#stopMessage !== undefined) {
        await this.#endEpoch(this.#epoch + 1, lr, losses / steps, samples, now() - started);
        if (this.#stopMessage !== undefined) return "stopped";
        if (this.#iteration < maxIter)
          for (const cb of this.#r.callbacks)
            await cb.onEpochBegin?.(this.#epoch + 1, this.#control);
        started = now();
        losses = 0;
        samples = 0;
        steps = 0;
        lr = this.#control.lr;
      }
    }
    return "completed";
  }

  /** One optimizer step on the rows at `indices`; returns the batch loss. */
  #step(batcher: BatchTensors, indices: ArrayLike<number>): number {
    const { model, optimizer } = this.#o;
    const loss = scope(() => {
      const { x, t } = batcher.make(indices);
      const pass = model.lossAndGradient(x, t, { rng: this.#dropout });
      const value = pass.loss.item();
      optimizer.step(model.params, pass.grads);
      return value;
    });
    this.#iteration++;
    this.#history.loss.push(loss);
    return loss;
  }

  async #afterStep(logs: BatchLogs): Promise<void> {
    for (const cb of this.#r.callbacks) await cb.onBatchEnd?.(logs, this.#control);
    const interval = this.#r.yieldIntervalMs;
    if (interval > 0 && now() - this.#lastYield >= interval) {
      await nextTask();
      this.#lastYield = now();
    }
  }

  async #endEpoch(
    epoch: number,
    lr: number,
    loss: number,
    samples: number,
    ms: number,
  ): Promise<void> {
    const metrics: Record<string, number> = {};
    const sample = this.#r.evaluationSample;
    for (const [name, data] of this.#sets) {
      const indices =
        sample === undefined || sample >= data.count
          ? undefined
          : this.#sample.sample(data.count, sample);
      const result = evaluate(this.#o.model, data, {
        batchSize: this.#r.evaluationBatchSize,
        ...(indices === undefined ? {} : { indices }),
      });
      metrics[`${name}.loss`] = result.loss;
      metrics[`${name}.accuracy`] = result.accuracy;
    }
    const logs: EpochLogs = {
      epoch,
      iteration: this.#iteration,
      lr,
      loss,
      metrics,
      seconds: ms / 1000,
      samplesPerSecond: samples / Math.max(ms / 1000, 1e-9),
    };
    this.#history.epochs.push(logs);
    this.#epoch = epoch;
    for (const cb of this.#r.callbacks) await cb.onEpochEnd?.(logs, this.#control);
    for (const cb of this.#r.callbacks) await cb.onCheckpoint?.(logs, this.#control);
  }

  #state(): TrainerState {
    const callbacks: Record<string, CallbackState> = {};
    for (const cb of this.#r.callbacks)
      if (cb.name !== undefined && cb.state !== undefined) callbacks[cb.name] = cb.state();
    return {
      version: 1,
      mode: this.#r.mode,
      seed: this.#r.seed,
      epoch: this.#epoch,
      iteration: this.#iteration,
      rng: {
        shuffle: this.#shuffle.state(),
        dropout: this.#dropout.state(),
        sample: this.#sample.state(),
      },
      history: {
        loss: [...this.#history.loss],
        epochs: this.#history.epochs.map((e) => ({ ...e })),
      },
      callbacks,
    };
  }

  #makeControl(): TrainingControl {
    const run = this;
    const { model, optimizer } = this.#o;
    return {
      model,
      optimizer,
      epochs: this.#r.epochs,
      get epoch() {
        return run.#epoch;
      },
      get iteration() {
        return run.#iteration;
      },
      get history() {
        return run.#history;
      },
      get lr() {
        return optimizer.lr;
      },
      set lr(value: number) {
        optimizer.lr = value;
      },
      stop(reason: string) {
        run.#stopMessage ??= reason;
      },
      get stopping() {
        return run.#stopMessage !== undefined;
      },
      state: () => run.#state(),
    };
  }
}

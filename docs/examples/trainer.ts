import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { multiLayerNet } from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { createRng } from "@backprop/random";
import { initBackend } from "@backprop/tensor-core";
import {
  cosineDecay,
  deserializeCheckpoint,
  earlyStopping,
  fit,
  serializeCheckpoint,
} from "@backprop/trainer";
import type { ExampleOutput } from "./output.js";

/** 2 epochs, a checkpoint (bytes, as a page would keep in IndexedDB), 2 more — against 4 in one go. */
export async function run(out: ExampleOutput): Promise<boolean> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const all = await loadEmbeddedMnist({ split: "train" });
  const train = all.subset(2000, createRng(5));
  const setup = () => ({
    model: multiLayerNet({ inputSize: 784, hiddenSizes: [32], outputSize: 10, rng: createRng(3) }),
    optimizer: sgd({ lr: 0.1 }),
  });
  const common = {
    train,
    validationSplit: 0.2, // seeded and stratified
    batchSize: 50,
    seed: 11,
  } as const;
  const schedule = () => [cosineDecay({ epochs: 4 })]; // a fresh callback per run

  const straight = setup();
  await fit({ ...straight, ...common, callbacks: schedule(), epochs: 4 });

  const first = setup();
  const half = await fit({ ...first, ...common, callbacks: schedule(), epochs: 2 });
  const bytes = serializeCheckpoint({
    model: first.model,
    optimizer: first.optimizer,
    state: half.state,
  });
  const ck = deserializeCheckpoint(bytes);
  const { model, optimizer, state } = ck;
  const rest = await fit({
    ...common,
    model,
    optimizer,
    resume: state,
    callbacks: schedule(),
    epochs: 4,
  });

  for (const e of rest.history.epochs) {
    const v = e.metrics["validation.accuracy"]!;
    out.log(
      `epoch ${e.epoch}: lr ${e.lr.toFixed(4)}, loss ${e.loss.toFixed(6)}, validation accuracy ${v.toFixed(4)}`,
    );
  }
  const a = [...straight.model.params.values()].map((t) => t.dataSync().join()).join();
  const b = [...ck.model.params.values()].map((t) => t.dataSync().join()).join();
  out.log(
    `a checkpoint after epoch ${ck.state.epoch}; resumed weights identical to 4 straight epochs: ${a === b}`,
  );

  // Early stopping: stop when validation accuracy stops improving, put the best weights back.
  const early = setup();
  const stopped = await fit({
    ...early,
    ...common,
    epochs: 30,
    callbacks: [earlyStopping({ monitor: "validation.accuracy", patience: 2, restoreBest: true })],
  });
  const why = stopped.stopMessage ?? stopped.stopReason;
  out.log(`early stopping after ${stopped.history.epochs.length} of 30 epochs (${why})`);
  for (const m of [straight.model, first.model, ck.model, early.model]) m.dispose();
  return a === b;
}

// The objective module the worker processes of examples/hpo-workers.ts load (hpo's
// loadObjective): each worker calls createObjective(args) once, then runs trials with it. It
// starts the wasm backend and loads the TRAINING digits only; the test set is never seen.
import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { bookSearchObjective } from "@backprop/experiments";
import { type Objective, pruningCallback } from "@backprop/hpo";
import { initBackend } from "@backprop/tensor-core";

export async function createObjective(args: { seed: number; epochs: number }): Promise<Objective> {
  await initBackend({ backend: "wasm" });
  const train = await loadEmbeddedMnist({ split: "train" });
  return (trial) => {
    trial.setUserAttr("pid", process.pid); // which worker ran it
    return bookSearchObjective({
      train,
      seed: args.seed,
      settings: { epochs: args.epochs, hiddenLayers: 2 },
      callbacks: () => [pruningCallback(trial, { monitor: "validation.accuracy" })],
    })(trial); // suggests lr and weight_decay from the book's ranges itself
  };
}

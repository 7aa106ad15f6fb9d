import { loadEmbeddedMnist } from "@backprop/data-mnist";
import { lineChart } from "@backprop/experiments";
import { multiLayerNet } from "@backprop/layers";
import { adam } from "@backprop/optimizers";
import { createRng } from "@backprop/random";
import { initBackend } from "@backprop/tensor-core";
import { fit, progress } from "@backprop/trainer";
import type { ExampleOutput } from "./output.js";

/** Trains a small MLP on the embedded digits, drawing the loss curve as it goes. */
export async function run(out: ExampleOutput, seed = 1): Promise<number> {
  await initBackend({ backend: "wasm", ...out.wasm });
  const train = await loadEmbeddedMnist({ split: "train" }); // 8 000 real digits, no download
  const test = await loadEmbeddedMnist({ split: "test" }); // 2 000 more, never trained on

  const model = multiLayerNet({
    inputSize: 784,
    hiddenSizes: [64],
    outputSize: 10,
    activation: "relu",
    weightInit: "he",
    rng: createRng(seed),
  });

  const points: Array<{ x: number; y: number }> = [];
  const draw = () =>
    out.plot(
      "loss",
      lineChart({
        title: "Training loss",
        x: { title: "iteration" },
        y: { title: "loss" },
        series: [{ name: "loss", points }],
        points: false,
      }),
    );
  const { history } = await fit({
    model,
    optimizer: adam({ lr: 1e-3 }),
    train,
    evaluate: { test },
    epochs: 3,
    batchSize: 100,
    seed,
    callbacks: [
      { onBatchEnd: (logs) => void points.push({ x: logs.iteration, y: logs.loss }) },
      // Throttled (every 100 ms) and every epoch: redraw the curve, print the epoch's scores.
      progress((event) => {
        if (event.kind === "batch") draw();
        else {
          const m = event.logs.metrics;
          out.log(
            `epoch ${event.logs.epoch}: loss ${event.logs.loss.toFixed(6)}, test accuracy ${m["test.accuracy"]!.toFixed(4)}`,
          );
        }
      }),
    ],
  });
  draw();
  const accuracy = history.epochs.at(-1)!.metrics["test.accuracy"]!;
  model.dispose();
  return accuracy;
}

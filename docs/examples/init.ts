import { gain, initWeight, type WeightInit } from "@backprop/init";
import { createRng } from "@backprop/random";
import type { ExampleOutput } from "./output.js";

/** The book's initialisers and their standard deviations, measured on [784, 100] weights. */
export async function run(out: ExampleOutput): Promise<number[]> {
  const rng = createRng(42);
  const stds: number[] = [];
  const cases: Array<[string, WeightInit, number]> = [
    ["std 0.01 (the book's weight_init_std)", 0.01, 0.01],
    ['"xavier" (√(1/n))', "xavier", Math.sqrt(1 / 784)],
    ['"he" (√(2/n))', "he", Math.sqrt(2 / 784)],
    ['"glorotUniform" (Keras)', "glorotUniform", Math.sqrt(2 / (784 + 100))],
  ];
  for (const [label, spec, expected] of cases) {
    const w = initWeight(spec, [784, 100], { rng, backend: "reference" });
    const v = Array.from(w.dataSync());
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    stds.push(std);
    out.log(`${label.padEnd(40)} std ${std.toFixed(5)} (theory ${expected.toFixed(5)})`);
    w.dispose();
  }
  out.log(`gain("relu") = ${gain("relu").toFixed(4)}, gain("tanh") = ${gain("tanh").toFixed(4)}`);
  return stds;
}

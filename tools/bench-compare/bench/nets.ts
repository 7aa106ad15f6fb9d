// The nets every contender trains, and the synthetic data they train on.
import { createRng } from "@backprop/random";

/** One benchmark net: layer sizes, hidden activation, BatchNorm or not, SGD learning rate. */
export interface NetSpec {
  /** Key shared with numpy_nets.py. */
  readonly key: "relu5" | "relu5bn" | "twolayer";
  readonly label: string;
  readonly sizes: readonly number[];
  readonly activation: "relu" | "sigmoid";
  readonly batchNorm: boolean;
  readonly lr: number;
}

export const NETS: readonly NetSpec[] = [
  {
    key: "relu5",
    label: "784-[100]×5-10 ReLU",
    sizes: [784, 100, 100, 100, 100, 100, 10],
    activation: "relu",
    batchNorm: false,
    lr: 0.01,
  },
  {
    key: "relu5bn",
    label: "784-[100]×5-10 ReLU + BN",
    sizes: [784, 100, 100, 100, 100, 100, 10],
    activation: "relu",
    batchNorm: true,
    lr: 0.01,
  },
  {
    key: "twolayer",
    label: "TwoLayerNet 784-50-10 sigmoid",
    sizes: [784, 50, 10],
    activation: "sigmoid",
    batchNorm: false,
    lr: 0.1,
  },
];

export const BATCH = 100;

/** Synthetic MNIST-shaped data: uniform [0, 1) pixels and uniform labels, from a fixed seed. */
export interface BenchData {
  readonly count: number;
  readonly featureShape: readonly number[];
  readonly features: Float32Array;
  readonly labels: Int32Array;
}

export function makeData(count: number): BenchData {
  const rng = createRng(1);
  return {
    count,
    featureShape: [784],
    features: rng.fillUniform(new Float32Array(count * 784)),
    labels: Int32Array.from({ length: count }, () => rng.integer(0, 9)),
  };
}

/** A short program that uses one package as a user would, and what it must print. */
export interface Example {
  readonly code: string;
  readonly prints: string;
}

/**
 * One example per public package. A package without an entry fails the smoke test, so every new
 * package must add one here.
 */
export const EXAMPLES: Readonly<Record<string, Example>> = {
  "@backprop/errors": {
    code: `import { ShapeError } from "@backprop/errors";
const e: ShapeError = new ShapeError({ op: "f", argument: "x", expected: "[2]", actual: [3] });
console.log(ShapeError.isInstance(e) ? e.message : "not recognised");`,
    prints: "Argument 'x' passed to 'f' must have shape [2]; got [3]",
  },
  "@backprop/random": {
    code: `import { createRng, type Rng } from "@backprop/random";
const rng: Rng = createRng(42);
console.log("same stream:", createRng(rng.state()).uniform() === rng.uniform());`,
    prints: "same stream: true",
  },
  "@backprop/tensor-core": {
    code: `import { add, initBackend, tensor, type Tensor } from "@backprop/tensor-core";
const info = await initBackend({ backend: "wasm" });
const y: Tensor = add(tensor([[1, 2]]), 1);
console.log("simd", info.wasm?.simd, y.backend, JSON.stringify(y.arraySync()));`,
    prints: "simd true wasm [[2,3]]",
  },
  "@backprop/init": {
    code: `import { createRng } from "@backprop/random";
import { initWeight } from "@backprop/init";
const w = initWeight("he", [100, 10], { rng: createRng(1), backend: "reference" });
console.log("init", JSON.stringify(w.shape), w.dtype);`,
    prints: "init [100,10] float64",
  },
  "@backprop/layers": {
    code: `import { createRng } from "@backprop/random";
import { Dense, Sequential, SoftmaxCrossEntropy } from "@backprop/layers";
import { tensor } from "@backprop/tensor-core";
const net = new Sequential([new Dense(2, 3, { name: "fc", rng: createRng(0), backend: "reference" })], { loss: new SoftmaxCrossEntropy() });
console.log("layers", [...net.gradient(tensor([[1, 2]], { backend: "reference" }), tensor([1], { dtype: "int32", backend: "reference" })).keys()].join(","));`,
    prints: "layers fc.weight,fc.bias",
  },
  "@backprop/optimizers": {
    code: `import { SGD } from "@backprop/optimizers";
import { tensor } from "@backprop/tensor-core";
const params = new Map([["w", tensor([1, 2], { backend: "reference" })]]);
new SGD({ lr: 0.5 }).step(params, new Map([["w", tensor([2, 2], { backend: "reference" })]]));
console.log("sgd", JSON.stringify(params.get("w")!.arraySync()));`,
    prints: "sgd [0,1]",
  },
  "@backprop/data-mnist": {
    code: `import { InMemoryDataset } from "@backprop/data-mnist";
const xor = new InMemoryDataset({ features: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0] });
console.log("batches", [...xor.batches({ batchSize: 3 })].map((b) => b.size).join(","));`,
    prints: "batches 3,1",
  },
  "@backprop/gradcheck": {
    code: `import { numericalGradient } from "@backprop/gradcheck";
import { mul, sum, tensor } from "@backprop/tensor-core";
const g = numericalGradient((x) => sum(mul(x, x)), tensor([1, 2], { backend: "reference" }));
console.log("gradient", (g.arraySync() as number[]).map((v) => v.toFixed(4)).join(","));`,
    prints: "gradient 2.0000,4.0000",
  },
  "@backprop/trainer": {
    code: `import { multiLayerNet } from "@backprop/layers";
import { sgd } from "@backprop/optimizers";
import { createRng } from "@backprop/random";
import { initBackend } from "@backprop/tensor-core";
import { type FitResult, fit } from "@backprop/trainer";
await initBackend({ backend: "wasm" });
const data = { count: 4, featureShape: [2], features: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), labels: new Int32Array([0, 1, 1, 0]) };
const model = multiLayerNet({ inputSize: 2, hiddenSizes: [3], outputSize: 2, rng: createRng(0) });
const result: FitResult = await fit({ model, optimizer: sgd({ lr: 0.1 }), train: data, epochs: 3, batchSize: 2 });
console.log("fit", result.stopReason, result.state.iteration, result.history.epochs.length);`,
    prints: "fit completed 6 3",
  },
  "@backprop/cli": {
    code: `import { lossCurveSpec, renderPlot, type RenderedPlot } from "@backprop/cli";
const plot: RenderedPlot = await renderPlot(lossCurveSpec({ points: [{ iteration: 0, loss: 2.3 }, { iteration: 1, loss: 1.1 }] }));
console.log("plot", plot.svg.includes(">iteration</text>"), String.fromCharCode(...plot.png.subarray(1, 4)), plot.width > 0);`,
    prints: "plot true PNG true",
  },
  "@backprop/experiments": {
    code: `import { type ExperimentResult, gradientDescent } from "@backprop/experiments";
const result: ExperimentResult = await gradientDescent.run();
console.log("experiments", result.claims.every((c) => c.holds), result.plots.map((p) => p.name).join(","));`,
    prints: "experiments true trajectory,values",
  },
  "@backprop/hpo": {
    code: `import { createStudy, type Study, tpeSampler } from "@backprop/hpo";
const study: Study = await createStudy({ studyName: "smoke", direction: "minimize", seed: 1, sampler: tpeSampler() });
await study.optimize((trial) => (trial.suggestFloat("x", -5, 5) - 1) ** 2, { nTrials: 40 });
console.log("hpo", study.trials.length, Math.abs((study.bestParams.x as number) - 1) < 0.5);`,
    prints: "hpo 40 true",
  },
};

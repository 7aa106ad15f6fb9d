import { Adam, createOptimizer, SGD } from "@backprop/optimizers";
import { mul, scope, sub, type Tensor, tensor } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/** Minimises Σ (w − 3)², and shows that a saved optimizer continues bit-identically. */
export async function run(out: ExampleOutput): Promise<number[]> {
  const backend = "reference" as const;
  const gradient = (w: Tensor) => scope(() => mul(sub(w, 3), 2)); // ∂/∂w of Σ (w − 3)²
  const descend = (optimizer: Adam, params: Map<string, Tensor>, steps: number) => {
    for (let i = 0; i < steps; i++) {
      const g = gradient(params.get("w")!);
      optimizer.step(params, new Map([["w", g]])); // replaces params' "w" and disposes the old one
      g.dispose();
    }
  };

  const params = new Map([["w", tensor([0, 10], { backend })]]);
  const adam = new Adam({ lr: 0.5 });
  descend(adam, params, 50);
  const saved = adam.state(); // step count, hyperparameters and both moments
  const resumed = new Adam({ lr: 0.5 });
  resumed.loadState(saved);
  const copy = new Map([["w", tensor(params.get("w")!.arraySync() as number[], { backend })]]);
  descend(adam, params, 50);
  descend(resumed, copy, 50);
  const w = Array.from(params.get("w")!.dataSync());
  out.log(`after 100 steps: w = [${w.join(", ")}]`);
  out.log(
    `resumed after 50 from the saved state: identical ${copy.get("w")!.dataSync().join() === w.join()}`,
  );

  const sgd = createOptimizer("SGD", { lr: 0.1 }); // by the book's names
  out.log(`createOptimizer("SGD", { lr: 0.1 }): an SGD ${sgd instanceof SGD}, lr ${sgd.lr}`);
  for (const t of [...params.values(), ...copy.values()]) t.dispose();
  for (const optimizer of [adam, resumed, sgd]) optimizer.dispose();
  return w;
}

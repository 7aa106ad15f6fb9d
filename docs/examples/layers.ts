import {
  Dense,
  deserializeModel,
  Sequential,
  Sigmoid,
  SoftmaxCrossEntropy,
  serializeModel,
} from "@backprop/layers";
import { createRng } from "@backprop/random";
import { keep, mul, scope, sub, tensor } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/** The book's TwoLayerNet shape learns XOR with plain SGD written out by hand. */
export async function run(out: ExampleOutput): Promise<number> {
  const rng = createRng(42);
  const backend = "reference" as const;
  const net = new Sequential(
    [
      new Dense(2, 8, { name: "affine1", rng, init: "xavier", backend }),
      new Sigmoid(),
      new Dense(8, 2, { name: "affine2", rng, init: "xavier", backend }),
    ],
    { loss: new SoftmaxCrossEntropy() },
  );
  const x = tensor(
    [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    { backend },
  );
  const t = tensor([0, 1, 1, 0], { dtype: "int32", backend });
  for (let i = 1; i <= 2000; i++) {
    const grads = net.gradient(x, t); // forward (training mode), loss, every layer's backward
    for (const [name, g] of grads) {
      const w = net.params.get(name)!;
      net.params.set(name, keep(scope(() => sub(w, mul(g, 2))))); // w ← w − 2·∂L/∂w
      w.dispose();
    }
    if (i % 500 === 0) out.log(`step ${i}: loss ${net.loss(x, t).item().toFixed(6)}`);
  }
  const accuracy = net.accuracy(x, t);
  out.log(`accuracy ${accuracy}; parameters: ${[...net.params.keys()].join(", ")}`);

  // A safetensors file holds the weights and the architecture; the copy predicts the same.
  const bytes = serializeModel(net);
  const copy = deserializeModel(bytes, { backend });
  const same = scope(() => copy.predict(x).dataSync().join() === net.predict(x).dataSync().join());
  out.log(`safetensors: ${bytes.length} bytes; the loaded copy predicts the same: ${same}`);
  copy.dispose();
  net.dispose();
  return accuracy;
}

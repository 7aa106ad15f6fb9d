import type { Rng } from "@backprop/random";
import {
  add,
  type BackendName,
  logSoftmax,
  matMul,
  matMulNT,
  matMulTN,
  mean,
  mul,
  neg,
  oneHot,
  randomNormal,
  sigmoid,
  softmax,
  sub,
  sum,
  type Tensor,
  toBackend,
  zeros,
} from "@backprop/tensor-core";

/** The parameters and data of a small two-layer net, as named tensors. */
export type Inputs = Readonly<Record<string, Tensor>>;

/** The book's TwoLayerNet shape (affine → sigmoid → affine → softmax), small enough to check. */
export function initTwoLayerNet(
  rng: Rng,
  sizes: { input: number; hidden: number; output: number; batch: number },
): Inputs {
  const b = { backend: "reference" as BackendName };
  return {
    x: randomNormal([sizes.batch, sizes.input], { rng, ...b }),
    w1: randomNormal([sizes.input, sizes.hidden], { rng, std: 0.5, ...b }),
    b1: zeros([sizes.hidden], b),
    w2: randomNormal([sizes.hidden, sizes.output], { rng, std: 0.5, ...b }),
    b2: zeros([sizes.output], b),
  };
}

/** Mean cross-entropy of softmax(sigmoid(x·W1 + b1)·W2 + b2) against class indices. */
export function loss(labels: Tensor, classes: number) {
  return ({ x, w1, b1, w2, b2 }: Inputs): Tensor => {
    const h = sigmoid(add(matMul(x!, w1!), b1!));
    const logits = add(matMul(h, w2!), b2!);
    return neg(mean(sum(mul(oneHot(labels, classes), logSoftmax(logits)), { axis: 1 })));
  };
}

/** The hand-written backward pass of {@link loss}. */
export function backward(labels: Tensor, classes: number) {
  return ({ x, w1, b1, w2, b2 }: Inputs): Inputs => {
    const n = x!.shape[0]!;
    const h = sigmoid(add(matMul(x!, w1!), b1!));
    const p = softmax(add(matMul(h, w2!), b2!));
    const dz2 = mul(sub(p, oneHot(labels, classes)), 1 / n);
    const dh = matMulNT(dz2, w2!);
    const dz1 = mul(dh, mul(h, sub(1, h)));
    return {
      x: matMulNT(dz1, w1!),
      w1: matMulTN(x!, dz1),
      b1: sum(dz1, { axis: 0 }),
      w2: matMulTN(h, dz2),
      b2: sum(dz2, { axis: 0 }),
    };
  };
}

/** The same inputs copied to another backend. */
export function onBackend(inputs: Inputs, backend: BackendName): Inputs {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, toBackend(v, backend)]));
}

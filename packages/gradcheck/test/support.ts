import {
  add,
  logSoftmax,
  matMul,
  matMulNT,
  matMulTN,
  mean,
  mul,
  neg,
  oneHot,
  reshape,
  softmax,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@backprop/tensor-core";
import fc from "fast-check";

/** Inputs of the softmax cross-entropy of an affine map, as plain data. */
export interface AffineCase {
  readonly n: number;
  readonly d: number;
  readonly c: number;
  readonly x: number[];
  readonly w: number[];
  readonly b: number[];
  readonly labels: number[];
}

export type Mutant = "correct" | "missing-term" | "transposed" | "factor-2";

/** loss(x, W, b) = −mean Σ onehot(t) · logSoftmax(x·W + b) */
export function affineLoss(labels: Tensor, classes: number) {
  return ({ x, w, b }: Readonly<Record<string, Tensor>>) =>
    neg(mean(sum(mul(oneHot(labels, classes), logSoftmax(add(matMul(x!, w!), b!))), { axis: 1 })));
}

/** The hand-written backward, correct or with one classic bug. */
export function affineBackward(labels: Tensor, classes: number, mutant: Mutant) {
  return ({ x, w, b }: Readonly<Record<string, Tensor>>) => {
    const n = x!.shape[0]!;
    const p = softmax(add(matMul(x!, w!), b!));
    const target = oneHot(labels, classes);
    // dz = (softmax − onehot) / N; the "missing term" bug forgets the onehot.
    const dz = mul(mutant === "missing-term" ? p : sub(p, target), 1 / n);
    let dw = matMulTN(x!, dz);
    if (mutant === "transposed") dw = reshape(matMulTN(dz, x!), [...w!.shape]);
    if (mutant === "factor-2") dw = mul(dw, 2);
    return { x: matMulNT(dz, w!), w: dw, b: sum(dz, { axis: 0 }) };
  };
}

export function affineInputs(k: AffineCase) {
  return {
    labels: tensor(k.labels, { dtype: "int32", backend: "reference" }),
    inputs: {
      x: tensor(k.x, { shape: [k.n, k.d], backend: "reference" }),
      w: tensor(k.w, { shape: [k.d, k.c], backend: "reference" }),
      b: tensor(k.b, { shape: [k.c], backend: "reference" }),
    },
  };
}

const value = fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true });

/**
 * Random affine cases: small dims that shrink towards 1, values towards 0, labels towards 0.
 * Values are drawn for the largest shapes and sliced, so fast-check can shrink each dimension on
 * its own (a `chain` on the dims would shrink poorly).
 */
export const affineCaseArb: fc.Arbitrary<AffineCase> = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    d: fc.integer({ min: 1, max: 4 }),
    c: fc.integer({ min: 2, max: 4 }),
    x: fc.array(value, { minLength: 16, maxLength: 16 }),
    w: fc.array(value, { minLength: 16, maxLength: 16 }),
    b: fc.array(value, { minLength: 4, maxLength: 4 }),
    labels: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ n, d, c, x, w, b, labels }) => ({
    n,
    d,
    c,
    x: x.slice(0, n * d),
    w: w.slice(0, d * c),
    b: b.slice(0, c),
    labels: labels.slice(0, n).map((t) => t % c),
  }));

// The softmax cross-entropy of an affine map, its hand-written backward (correct, or with one of
// three classic bugs) and an arbitrary of small cases — shared by the composite property and the
// mutation test.
import { type Gradients, type NamedTensors, valueArb } from "@backprop/gradcheck";
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

/** One case of the affine softmax cross-entropy, as plain data: x [n, d], w [d, c], b [c]. */
export interface AffineCase {
  readonly n: number;
  readonly d: number;
  readonly c: number;
  readonly x: readonly number[];
  readonly w: readonly number[];
  readonly b: readonly number[];
  readonly labels: readonly number[];
}

export type AffineName = "x" | "w" | "b";

/**
 * The backward passes under test: the correct one and three mutants.
 * - `missing-term`: dlogits = softmax/N — the one-hot is never subtracted;
 * - `transposed`: dW taken from dlogitsᵀ·x (shape [c, d]) and reshaped to [d, c] instead of
 *   transposed — a transposed matrix that still has the right shape;
 * - `factor-2`: dW doubled, as when 0.5·‖·‖² loses its 0.5.
 */
export type Mutant = "correct" | "missing-term" | "transposed" | "factor-2";

/** loss(x, W, b) = −mean_rows Σ_classes onehot(t) · logSoftmax(x·W + b) */
export function affineLoss(labels: Tensor, classes: number) {
  return ({ x, w, b }: NamedTensors<AffineName>): Tensor =>
    neg(mean(sum(mul(oneHot(labels, classes), logSoftmax(add(matMul(x, w), b))), { axis: 1 })));
}

/** The hand-written backward: dlogits = (softmax − onehot)/N, dW = xᵀ·dlogits, db = Σ_rows, dx = dlogits·Wᵀ. */
export function affineBackward(labels: Tensor, classes: number, mutant: Mutant) {
  return ({ x, w, b }: NamedTensors<AffineName>): Gradients<AffineName> => {
    const n = x.shape[0]!;
    const p = softmax(add(matMul(x, w), b));
    const dz = mul(mutant === "missing-term" ? p : sub(p, oneHot(labels, classes)), 1 / n);
    let dw = matMulTN(x, dz);
    if (mutant === "transposed") dw = reshape(matMulTN(dz, x), [...w.shape]);
    if (mutant === "factor-2") dw = mul(dw, 2);
    return { x: matMulNT(dz, w), w: dw, b: sum(dz, { axis: 0 }) };
  };
}

/** The case as reference-backend tensors (labels as int32). */
export function affineInputs(k: AffineCase) {
  const ref = { backend: "reference" } as const;
  return {
    labels: tensor([...k.labels], { dtype: "int32", ...ref }),
    inputs: {
      x: tensor(k.x, { shape: [k.n, k.d], ...ref }),
      w: tensor(k.w, { shape: [k.d, k.c], ...ref }),
      b: tensor(k.b, { shape: [k.c], ...ref }),
    },
  };
}

const MAX = { n: 4, d: 4, c: 4 };

/**
 * Small affine cases: n, d in 1..4 and c in 2..4 shrink towards their minimum independently;
 * values are drawn for the largest shapes and cut to size (so shrinking a dimension keeps the
 * values that made the property fail), and shrink towards 0 and simple halves.
 */
export const affineCaseArb: fc.Arbitrary<AffineCase> = fc
  .record({
    n: fc.integer({ min: 1, max: MAX.n }),
    d: fc.integer({ min: 1, max: MAX.d }),
    c: fc.integer({ min: 2, max: MAX.c }),
    x: fc.array(valueArb({ min: -2, max: 2 }), {
      minLength: MAX.n * MAX.d,
      maxLength: MAX.n * MAX.d,
    }),
    w: fc.array(valueArb({ min: -2, max: 2 }), {
      minLength: MAX.d * MAX.c,
      maxLength: MAX.d * MAX.c,
    }),
    b: fc.array(valueArb({ min: -2, max: 2 }), { minLength: MAX.c, maxLength: MAX.c }),
    labels: fc.array(fc.integer({ min: 0, max: MAX.c - 1 }), {
      minLength: MAX.n,
      maxLength: MAX.n,
    }),
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

// Softmax cross-entropy of a batch of logits and its gradient in one pass: per row, with the row's
// maximum μ and S = Σ e^(y − μ), log softmax = (y − μ) − ln S and softmax = e^(y − μ)/S, both in
// float64 (exp-log.ts) and rounded once. The loss of each group of consecutive rows is the mean of
// −Σ t·log softmax over its rows (summed in float64); the gradient of the whole batch's mean is
// (softmax − t)·invN in float32, as the composed `mul(sub(softmax(y), t), 1/N)` computes it from
// the rounded softmax. Targets are int32 class indices (`labels`; one outside [0, classes) is a
// zero target row, as oneHot gives) or float rows (`targets`). `scratch` holds one row's
// e^(y − μ) in float64 (classes·8 bytes), so each exponential is computed once. Byte offsets.
import { exp64, log64 } from "./exp-log";

export function softmaxCrossEntropy(
  y: usize, labels: usize, targets: usize, loss: usize, grad: usize, scratch: usize,
  n: i32, classes: i32, groups: i32, invN: f32, useLabels: i32,
): void {
  const row = <usize>classes << 2;
  const perGroup = n / groups;
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const at = y + <usize>i * row;
    let mu = load<f32>(at);
    for (let k = 1; k < classes; k++) {
      const v = load<f32>(at + (<usize>k << 2));
      if (v > mu || v != v) mu = v;
    }
    const m = <f64>mu;
    let s: f64 = 0;
    for (let k = 0; k < classes; k++) {
      const e = exp64(<f64>load<f32>(at + (<usize>k << 2)) - m);
      store<f64>(scratch + (<usize>k << 3), e);
      s += e;
    }
    const lse = log64(s);
    const label = useLabels ? load<i32>(labels + (<usize>i << 2)) : -1;
    const targetRow = targets + <usize>i * row;
    let rowLoss: f64 = 0;
    for (let k = 0; k < classes; k++) {
      const off = <usize>k << 2;
      const shifted = <f64>load<f32>(at + off) - m;
      const t: f32 = useLabels ? (k == label ? 1 : 0) : load<f32>(targetRow + off);
      if (t != 0) rowLoss -= <f64>t * (shifted - lse);
      const p = <f32>(load<f64>(scratch + (<usize>k << 3)) / s);
      store<f32>(grad + <usize>i * row + off, (p - t) * invN);
    }
    total += rowLoss;
    if ((i + 1) % perGroup == 0) {
      store<f32>(loss + (<usize>((i + 1) / perGroup - 1) << 2), <f32>(total / <f64>perGroup));
      total = 0;
    }
  }
}

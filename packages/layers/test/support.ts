import { checkBackward, checkGradients, type GradCheckReport } from "@backprop/gradcheck";
import type { Layer, Loss, Sequential } from "@backprop/layers";
import type { Tensor } from "@backprop/tensor-core";

/** Checks a layer's input and parameter gradients with a random cotangent (float64). */
export function checkLayer(
  layer: Layer,
  x: Tensor,
  seed: number,
  training = true,
): GradCheckReport {
  const names = [...layer.params.keys()];
  const original = new Map(layer.params);
  const use = (inputs: Readonly<Record<string, Tensor>>) => {
    for (const n of names) layer.params.set(n, inputs[n]!);
  };
  try {
    return checkBackward({
      inputs: { x, ...Object.fromEntries(original) },
      seed,
      forward: (inputs) => {
        use(inputs);
        return layer.forward(inputs.x!, { training });
      },
      backward: (inputs, dy) => {
        use(inputs);
        layer.forward(inputs.x!, { training });
        const dx = layer.backward(dy);
        return { x: dx, ...Object.fromEntries(names.map((n) => [n, layer.grads.get(n)!])) };
      },
    });
  } finally {
    for (const [n, t] of original) layer.params.set(n, t);
  }
}

/** Checks a loss's gradient in its input `y` for fixed targets `t`. */
export function checkLoss(loss: Loss, y: Tensor, t: Tensor): GradCheckReport {
  return checkGradients({
    inputs: { y },
    f: ({ y }) => loss.forward(y!, t),
    analytic: ({ y }) => {
      loss.forward(y!, t);
      return { y: loss.backward() };
    },
  });
}

/** Checks a whole network's `gradient(x, t)` (loss + weight decay) against its `loss(x, t)`. */
export function checkNetwork(net: Sequential, x: Tensor, t: Tensor): GradCheckReport {
  const names = [...net.params.keys()];
  const original = new Map(net.params);
  const use = (inputs: Readonly<Record<string, Tensor>>) => {
    for (const n of names) net.params.set(n, inputs[n]!);
  };
  try {
    return checkGradients({
      inputs: Object.fromEntries(original),
      f: (inputs) => {
        use(inputs);
        return net.loss(x, t, { training: true });
      },
      analytic: (inputs) => {
        use(inputs);
        const grads = net.gradient(x, t);
        return Object.fromEntries(names.map((n) => [n, grads.get(n)!]));
      },
    });
  } finally {
    for (const [n, t2] of original) net.params.set(n, t2);
  }
}

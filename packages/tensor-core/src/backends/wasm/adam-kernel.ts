import type { AdamUpdateOptions } from "../../ops/adam-update.js";
import { type OwnKernelExports, offsetOf, registerOwnKernel, runOwnKernel } from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel name of backprop's fused Adam step (kernels/adam.ts) on the wasm backend. */
export const ADAM_KERNEL = "BackpropAdamUpdate";

/** Registers the fused Adam step as the tfjs kernel {@link ADAM_KERNEL}: outputs [w′, m′, v′]. */
export function registerAdamKernel(tf: Tfjs, kernels: OwnKernelExports): void {
  registerOwnKernel(tf, ADAM_KERNEL, (wasm, inputs, attrs) => {
    const o = attrs as unknown as AdamUpdateOptions;
    const { param, grad, m, v } = inputs;
    const outs = [0, 1, 2].map(() => wasm.makeOutput([...param!.shape], "float32"));
    const length = param!.shape.reduce((p, d) => p * d, 1);
    if (length === 0) return outs;
    const [w2, m2, v2] = outs.map((t) => offsetOf(wasm, t)) as [number, number, number];
    const [pw, pg, pm, pv] = [param!, grad!, m!, v!].map((t) => offsetOf(wasm, t)) as [
      number,
      number,
      number,
      number,
    ];
    const hat = o.denominatorScale === undefined;
    kernels.adamStep(
      pw,
      pg,
      pm,
      pv,
      w2,
      m2,
      v2,
      length,
      o.beta1,
      1 - o.beta1,
      o.beta2,
      1 - o.beta2,
      o.stepSize,
      o.denominatorScale ?? 1,
      o.eps,
      hat ? 1 : 0,
    );
    return outs;
  });
}

/** The fused Adam step: [w′, m′, v′]. */
export function adamKernel(
  tf: Tfjs,
  inputs: { param: TfTensor; grad: TfTensor; m: TfTensor; v: TfTensor },
  options: AdamUpdateOptions,
): TfTensor[] {
  return runOwnKernel(tf, ADAM_KERNEL, inputs, { ...options }) as TfTensor[];
}

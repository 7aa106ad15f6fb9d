import type { AdamUpdateOptions } from "../../ops/adam-update.js";
import {
  type KernelTensorInfo,
  type OwnKernelExports,
  offsetOf,
  type WasmBackendInternals,
} from "./own-kernels.js";
import type { Tfjs, TfTensor } from "./tfjs.js";

/** tfjs kernel name of backprop's fused Adam step (kernels/adam.ts) on the wasm backend. */
export const ADAM_KERNEL = "BackpropAdamUpdate";

/** Registers the fused Adam step as the tfjs kernel {@link ADAM_KERNEL}: outputs [w', m', v']. */
export function registerAdamKernel(tf: Tfjs, kernels: OwnKernelExports): void {
  if (tf.getKernel(ADAM_KERNEL, "wasm") !== undefined) return;
  tf.registerKernel({
    kernelName: ADAM_KERNEL,
    backendName: "wasm",
    kernelFunc: ({ inputs, attrs, backend: be }) => {
      const wasm = be as unknown as WasmBackendInternals;
      const o = attrs as unknown as AdamUpdateOptions;
      const param = inputs.param as unknown as KernelTensorInfo;
      const outs = [0, 1, 2].map(() => wasm.makeOutput([...param.shape], "float32"));
      const length = param.shape.reduce((p, d) => p * d, 1);
      if (length === 0) return outs as never;
      const at = (name: string) => offsetOf(wasm, inputs[name] as unknown as KernelTensorInfo);
      kernels.adamStep(
        at("param"),
        at("grad"),
        at("m"),
        at("v"),
        offsetOf(wasm, outs[0]!),
        offsetOf(wasm, outs[1]!),
        offsetOf(wasm, outs[2]!),
        length,
        o.beta1,
        1 - o.beta1,
        o.beta2,
        1 - o.beta2,
        o.stepSize,
        o.denominatorScale ?? 1,
        o.eps,
        o.denominatorScale === undefined ? 1 : 0,
      );
      return outs as never;
    },
  });
}

/** The fused Adam step: [w', m', v']. */
export function adamKernel(
  tf: Tfjs,
  inputs: { param: TfTensor; grad: TfTensor; m: TfTensor; v: TfTensor },
  options: AdamUpdateOptions,
): TfTensor[] {
  return tf.engine().runKernel(ADAM_KERNEL, inputs as never, { ...options } as never) as TfTensor[];
}

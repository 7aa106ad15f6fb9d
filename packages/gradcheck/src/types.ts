import type { Tensor } from "@backprop/tensor-core";

/**
 * Named tensors: the inputs of a checked function, or their gradients. Names are free-form
 * (`"x"`, `"dense1.weight"`); `K` is inferred from the object you pass, so destructuring
 * `({ x, w }) => …` gives tensors, not `Tensor | undefined`.
 *
 * @example
 * ```ts
 * import type { NamedTensors } from "@backprop/gradcheck";
 * import { tensor } from "@backprop/tensor-core";
 * const inputs: NamedTensors<"x" | "dense1.weight"> = {
 *   x: tensor([[1, 2]], { backend: "reference" }),
 *   "dense1.weight": tensor([[0.5], [-1]], { backend: "reference" }),
 * };
 * console.log(Object.keys(inputs)); // [ 'x', 'dense1.weight' ]
 * ```
 */
export type NamedTensors<K extends string = string> = Readonly<Record<K, Tensor>>;

/**
 * Plain tensor data drawn by an arbitrary — not a live tensor: fast-check generates and shrinks
 * many values, so create the tensor inside the property (`tensor(d.values, { shape: d.shape })`)
 * where a scope or the check disposes it.
 *
 * @example
 * ```ts
 * import type { TensorData } from "@backprop/gradcheck";
 * import { tensor } from "@backprop/tensor-core";
 * const d: TensorData = { shape: [2, 2], values: [1, -0.5, 0.25, 2] };
 * console.log(tensor(d.values, { shape: d.shape, backend: "reference" }).arraySync()); // [ [ 1, -0.5 ], [ 0.25, 2 ] ]
 * ```
 */
export interface TensorData {
  readonly shape: readonly number[];
  /** Row-major values; `values.length` is the product of `shape`. */
  readonly values: readonly number[];
}

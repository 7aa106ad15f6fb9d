import { DisposedError, ShapeError } from "@backprop/errors";
import type { Backend, TensorInfo } from "./backend.js";
import { bytesPerElement } from "./dtype.js";
import { engine, trackTensor, untrackTensor } from "./engine.js";
import { sizeOf } from "./shape.js";
import type { ArrayValue, BackendName, DType, Shape, TypedArray } from "./types.js";

/**
 * An immutable n-dimensional array that lives on one backend. Create tensors with `tensor()`,
 * `zeros()`, `randomNormal()` and friends; compute with the op functions (`add`, `matMul`, …);
 * release them with `dispose()` or by running the code inside `scope()`.
 *
 * @example
 * ```ts
 * import { tensor } from "@backprop/tensor-core";
 * const t = tensor([[1, 2], [3, 4]]);
 * console.log(t.shape, t.dtype, t.backend); // [ 2, 2 ] float64 reference
 * console.log(t.arraySync()); // [ [ 1, 2 ], [ 3, 4 ] ]
 * t.dispose();
 * ```
 */
export class Tensor implements TensorInfo {
  /** Unique id within the process, in creation order. */
  readonly id: number;
  readonly shape: Shape;
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** @internal The backend object that owns `handle`. */
  readonly owner: Backend;
  #handle: unknown;
  #disposed = false;
  #kept = false;

  /** @internal Use the creation functions; this wraps a handle a kernel returned. */
  constructor(owner: Backend, handle: unknown, shape: Shape, dtype: DType) {
    const s = engine();
    this.id = s.nextId++;
    this.owner = owner;
    this.#handle = handle;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = sizeOf(shape);
    trackTensor(this, this.size * bytesPerElement(dtype));
  }

  /** Name of the backend the tensor lives on. */
  get backend(): BackendName {
    return this.owner.name;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** True once `dispose()` ran (directly or through a scope). */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /** @internal The backend handle; throws a DisposedError after disposal. */
  get handle(): unknown {
    if (this.#disposed) throw new DisposedError({ op: "Tensor.handle", argument: "this" });
    return this.#handle;
  }

  /** @internal Whether `keep` exempted the tensor from scope disposal. */
  get isKept(): boolean {
    return this.#kept;
  }

  /** @internal Exempts the tensor from scope disposal (what `keep` does). */
  markKept(): void {
    this.#kept = true;
  }

  /** Releases the tensor's memory. Calling it twice is harmless. */
  dispose(): void {
    if (this.#disposed) return;
    this.owner.dispose(this);
    this.#disposed = true;
    this.#handle = undefined;
    untrackTensor(this, this.size * bytesPerElement(this.dtype));
  }

  /** A copy of the values in row-major order (Float32Array on wasm, Float64Array on reference). */
  dataSync(): TypedArray {
    this.assertLive("dataSync");
    return this.owner.readSync(this);
  }

  /** Like `dataSync`, without blocking where the backend can avoid it. */
  async data(): Promise<TypedArray> {
    this.assertLive("data");
    return this.owner.read(this);
  }

  /** The values as nested arrays (booleans as 0/1). */
  arraySync(): ArrayValue {
    return toNested(this.dataSync(), this.shape);
  }

  /** The values as nested arrays (booleans as 0/1). */
  async array(): Promise<ArrayValue> {
    return toNested(await this.data(), this.shape);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    this.assertLive("item");
    if (this.size !== 1) {
      throw new ShapeError({
        op: "Tensor.item",
        argument: "this",
        expected: "one element",
        actual: [...this.shape],
      });
    }
    return this.owner.readSync(this)[0]!;
  }

  toString(): string {
    const state = this.#disposed ? ", disposed" : "";
    return `Tensor(shape=[${this.shape.join(", ")}], dtype=${this.dtype}, backend=${this.backend}${state})`;
  }

  private assertLive(op: string): void {
    if (this.#disposed) throw new DisposedError({ op: `Tensor.${op}`, argument: "this" });
  }
}

function toNested(values: TypedArray, shape: Shape): ArrayValue {
  if (shape.length === 0) return values[0]!;
  let offset = 0;
  const build = (dim: number): ArrayValue[] => {
    const n = shape[dim]!;
    const out: ArrayValue[] = new Array(n);
    if (dim === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = values[offset++]!;
    } else {
      for (let i = 0; i < n; i++) out[i] = build(dim + 1);
    }
    return out;
  };
  return build(0);
}

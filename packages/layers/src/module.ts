import { InvalidOptionError } from "@backprop/errors";
import { keep, reshape, type Tensor } from "@backprop/tensor-core";
import type { ForwardOptions, Layer, ParamMap } from "./types.js";

/**
 * A cache of the tensors a backward pass needs, kept out of the caller's scopes and replaced
 * (old ones disposed) by the next forward pass.
 */
export abstract class Cached {
  readonly name: string;
  #cache = new Map<string, Tensor>();

  protected constructor(name: string) {
    if (typeof name !== "string" || name.length === 0 || name.includes(" ")) {
      throw new InvalidOptionError({
        op: new.target.name,
        option: "name",
        value: name,
        expected: "a non-empty name without spaces",
      });
    }
    this.name = name;
  }

  /**
   * Keeps tensors for the backward pass, freeing what the previous pass kept. Each is stored as
   * an alias (a reshape to its own shape, which shares the data on both backends), so the caller
   * may dispose its own handle — an input, or the output it was given — without breaking
   * backward, and the next pass frees only the alias.
   */
  protected remember(entries: Record<string, Tensor>): void {
    this.clearCache();
    for (const [k, v] of Object.entries(entries)) this.#cache.set(k, keep(reshape(v, v.shape)));
  }

  /** A tensor kept by the last forward; throws when backward comes before forward. */
  protected recall(key: string): Tensor {
    const value = this.#cache.get(key);
    if (value === undefined || value.isDisposed) {
      throw new InvalidOptionError({
        op: `${this.name}.backward`,
        option: "dy",
        value: "a gradient",
        expected: "a forward pass first (backward needs its cached activations)",
      });
    }
    return value;
  }

  protected clearCache(): void {
    for (const t of this.#cache.values()) t.dispose();
    this.#cache.clear();
  }

  /** Frees the cached activations. */
  dispose(): void {
    this.clearCache();
  }
}

/**
 * Shared machinery of the layers: named parameters and gradients that live in (possibly shared)
 * maps, plus the activation cache of {@link Cached}.
 */
export abstract class Module extends Cached implements Layer {
  #params: ParamMap = new Map();
  #grads: ParamMap = new Map();

  get params(): ParamMap {
    return this.#params;
  }

  get grads(): ParamMap {
    return this.#grads;
  }

  abstract forward(x: Tensor, options?: ForwardOptions): Tensor;
  abstract backward(dy: Tensor): Tensor;

  attach(params: ParamMap, grads: ParamMap): void {
    for (const [key, value] of this.#params) {
      if (params.has(key) && params.get(key) !== value) {
        throw new InvalidOptionError({
          op: "attach",
          option: "params",
          value: key,
          expected: "unique parameter names (two layers share a name)",
        });
      }
      params.set(key, value);
    }
    for (const [key, value] of this.#grads) grads.set(key, value);
    this.#params = params;
    this.#grads = grads;
  }

  override dispose(): void {
    for (const key of this.ownKeys()) {
      this.#params.get(key)?.dispose();
      this.#params.delete(key);
      this.#grads.get(key)?.dispose();
      this.#grads.delete(key);
    }
    super.dispose();
  }

  /** Registers a parameter `<name>.<local>` (kept out of scopes). */
  protected addParam(local: string, value: Tensor): void {
    this.#params.set(this.key(local), keep(value));
  }

  /** The current value of parameter `<name>.<local>`. */
  protected param(local: string): Tensor {
    const value = this.#params.get(this.key(local));
    if (value === undefined || value.isDisposed) {
      throw new InvalidOptionError({
        op: `${this.name}.forward`,
        option: this.key(local),
        value,
        expected: "a live parameter",
      });
    }
    return value;
  }

  /** Stores the gradient of `<name>.<local>`, freeing the previous one. */
  protected setGrad(local: string, value: Tensor): void {
    const key = this.key(local);
    const old = this.#grads.get(key);
    this.#grads.set(key, keep(value));
    if (old !== undefined && old !== value) old.dispose();
  }

  protected key(local: string): string {
    return `${this.name}.${local}`;
  }

  private *ownKeys(): Generator<string> {
    const prefix = `${this.name}.`;
    for (const key of [...this.#params.keys()]) if (key.startsWith(prefix)) yield key;
  }
}

import { InvalidOptionError, ShapeError } from "@backprop/errors";
import { dispose, keep, scope, type Tensor, zerosLike } from "@backprop/tensor-core";
import { checkPositive, clipByGlobalNorm, clipByValue } from "./clip.js";
import { deserializeTensor, serializeTensor } from "./serialize.js";
import type { GradMap, Optimizer, OptimizerOptions, OptimizerState, ParamMap } from "./types.js";

/** Hyperparameters as recorded in the state. */
export type Hyper = Record<string, number | string | boolean | null>;

/**
 * The machinery every update rule shares: learning rate, iteration count, per-parameter slots
 * (moments), clipping, leak-free steps and state (de)serialisation. A subclass names its slots
 * and implements `update` for one parameter.
 */
export abstract class BaseOptimizer implements Optimizer {
  abstract readonly type: string;
  #lr: number;
  #iterations = 0;
  readonly #clipNorm: number | undefined;
  readonly #clipValue: number | undefined;
  /** slot name → parameter name → tensor (kept out of scopes). */
  readonly #slots = new Map<string, Map<string, Tensor>>();

  protected constructor(defaultLr: number, options: OptimizerOptions) {
    this.#lr = checkLr(options.lr ?? defaultLr);
    if (options.clipNorm !== undefined)
      checkPositive(this.constructor.name, "clipNorm", options.clipNorm);
    if (options.clipValue !== undefined)
      checkPositive(this.constructor.name, "clipValue", options.clipValue);
    this.#clipNorm = options.clipNorm;
    this.#clipValue = options.clipValue;
  }

  /** Names of the per-parameter slots, e.g. `["m", "v"]`. */
  protected abstract readonly slotNames: readonly string[];

  /** Hyperparameters (for `state()`). */
  protected abstract hyper(): Hyper;

  /**
   * The updated parameter and its updated slots, for one parameter at step `t` (1-based). Runs
   * inside a scope: create freely, return what must survive.
   */
  protected abstract update(
    param: Tensor,
    grad: Tensor,
    slots: Readonly<Record<string, Tensor>>,
    t: number,
  ): { param: Tensor; slots: Record<string, Tensor> };

  get lr(): number {
    return this.#lr;
  }

  set lr(value: number) {
    this.#lr = checkLr(value);
  }

  get iterations(): number {
    return this.#iterations;
  }

  step(params: ParamMap, grads: GradMap): void {
    const op = `${this.constructor.name}.step`;
    for (const [name, g] of grads) {
      const p = params.get(name);
      if (p === undefined) {
        throw new InvalidOptionError({
          op,
          option: `grads["${name}"]`,
          value: name,
          expected: "a gradient for a parameter in params",
        });
      }
      if (g.shape.length !== p.shape.length || g.shape.some((d, i) => d !== p.shape[i])) {
        throw new ShapeError({
          op,
          argument: `grads["${name}"]`,
          expected: `[${p.shape.join(", ")}] (the shape of the parameter)`,
          actual: [...g.shape],
        });
      }
    }
    const t = this.#iterations + 1;
    scope(() => {
      let effective: GradMap = grads;
      if (this.#clipValue !== undefined) effective = clipByValue(effective, this.#clipValue);
      if (this.#clipNorm !== undefined)
        effective = clipByGlobalNorm(effective, this.#clipNorm).grads;
      for (const [name, grad] of effective) {
        const param = params.get(name)!;
        const slots: Record<string, Tensor> = {};
        for (const slot of this.slotNames) slots[slot] = this.#slot(slot, name, param);
        const next = this.update(param, grad, slots, t);
        // Swap in the new tensors, then free the old ones.
        params.set(name, keep(next.param));
        if (next.param !== param) param.dispose();
        for (const slot of this.slotNames) {
          const fresh = next.slots[slot];
          if (fresh === undefined) continue;
          const old = slots[slot]!;
          this.#slots.get(slot)!.set(name, keep(fresh));
          if (fresh !== old) old.dispose();
        }
      }
    });
    this.#iterations = t;
  }

  state(): OptimizerState {
    const slots: Record<string, Record<string, ReturnType<typeof serializeTensor>>> = {};
    for (const slot of this.slotNames) {
      slots[slot] = {};
      for (const [name, tensor] of this.#slots.get(slot) ?? [])
        slots[slot][name] = serializeTensor(tensor);
    }
    return {
      type: this.type,
      version: 1,
      iterations: this.#iterations,
      lr: this.#lr,
      hyper: this.#recordedHyper(),
      slots,
    };
  }

  loadState(state: OptimizerState): void {
    const op = `${this.constructor.name}.loadState`;
    if (state?.type !== this.type) {
      throw new InvalidOptionError({
        op,
        option: "state.type",
        value: state?.type,
        expected: `"${this.type}"`,
      });
    }
    if (state.version !== 1)
      throw new InvalidOptionError({
        op,
        option: "state.version",
        value: state.version,
        expected: "1",
      });
    if (!Number.isSafeInteger(state.iterations) || state.iterations < 0) {
      throw new InvalidOptionError({
        op,
        option: "state.iterations",
        value: state.iterations,
        expected: "an integer >= 0",
      });
    }
    const hyper = this.#recordedHyper();
    for (const [key, value] of Object.entries(hyper)) {
      if (state.hyper?.[key] !== value) {
        throw new InvalidOptionError({
          op,
          option: `state.hyper.${key}`,
          value: state.hyper?.[key],
          expected: `${JSON.stringify(value)} (this optimizer's setting)`,
        });
      }
    }
    this.dispose();
    for (const slot of this.slotNames) {
      const saved = state.slots?.[slot] ?? {};
      const map = new Map<string, Tensor>();
      for (const [name, s] of Object.entries(saved)) map.set(name, keep(deserializeTensor(s)));
      this.#slots.set(slot, map);
    }
    this.#lr = checkLr(state.lr);
    this.#iterations = state.iterations;
  }

  dispose(): void {
    for (const map of this.#slots.values()) dispose([...map.values()]);
    this.#slots.clear();
  }

  /** The hyperparameters a state records: the rule's own plus the clipping (null when off). */
  #recordedHyper(): Hyper {
    return {
      ...this.hyper(),
      clipNorm: this.#clipNorm ?? null,
      clipValue: this.#clipValue ?? null,
    };
  }

  /** The slot tensor of a parameter, created as zeros on first use. */
  #slot(slot: string, name: string, param: Tensor): Tensor {
    let map = this.#slots.get(slot);
    if (map === undefined) {
      map = new Map();
      this.#slots.set(slot, map);
    }
    let value = map.get(name);
    if (value === undefined) {
      value = keep(zerosLike(param));
      map.set(name, value);
    }
    return value;
  }
}

function checkLr(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError({
      op: "Optimizer",
      option: "lr",
      value,
      expected: "a finite number >= 0",
    });
  }
  return value;
}

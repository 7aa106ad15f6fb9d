import { InvalidOptionError } from "@backprop/errors";
import { engine, type ScopeFrame } from "./engine.js";
import { Tensor } from "./tensor.js";

/**
 * Runs `fn` and disposes every tensor created while it runs, except the tensors it returns
 * (found inside arrays, plain objects and Maps, too) and the ones passed to `keep`. Returned
 * tensors move to the enclosing scope, so scopes nest. `fn` must be synchronous: an async
 * function would let tensors of other work slip into the scope.
 *
 * @example
 * ```ts
 * import { add, memory, mul, scope, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, 2, 3]);
 * const before = memory().numTensors;
 * const y = scope(() => add(mul(x, 2), 1)); // the intermediate mul(x, 2) is disposed
 * console.log(y.arraySync(), memory().numTensors - before); // [ 3, 5, 7 ] 1
 * ```
 */
export function scope<T>(fn: () => T): T {
  const s = engine();
  const frame: ScopeFrame = { tensors: [] };
  s.scopes.push(frame);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    s.scopes.pop();
    disposeFrame(frame, new Set());
    throw error;
  }
  s.scopes.pop();
  if (result instanceof Promise) {
    disposeFrame(frame, new Set());
    throw new InvalidOptionError({
      op: "scope",
      option: "fn",
      value: "an async function",
      expected: "a synchronous function (await outside the scope, or scope each step)",
    });
  }
  const returned = new Set<Tensor>();
  collectTensors(result, returned, new Set());
  disposeFrame(frame, returned);
  const parent = s.scopes[s.scopes.length - 1];
  if (parent !== undefined) {
    for (const t of frame.tensors) if (returned.has(t) && !t.isDisposed) parent.tensors.push(t);
  }
  return result;
}

/**
 * Exempts a tensor from disposal by any enclosing `scope` (it still can be disposed by hand).
 * Returns the tensor.
 *
 * @example
 * ```ts
 * import { keep, scope, zeros } from "@backprop/tensor-core";
 * let w;
 * scope(() => { w = keep(zeros([3])); });
 * console.log(w.isDisposed); // false
 * ```
 */
export function keep<T extends Tensor>(t: T): T {
  t.markKept();
  return t;
}

/**
 * Disposes every tensor found in `value` (a tensor, or arrays / plain objects / Maps of them).
 *
 * @example
 * ```ts
 * import { dispose, ones, zeros } from "@backprop/tensor-core";
 * const params = { w: zeros([2, 2]), b: ones([2]) };
 * dispose(params);
 * console.log(params.w.isDisposed); // true
 * ```
 */
export function dispose(value: unknown): void {
  const found = new Set<Tensor>();
  collectTensors(value, found, new Set());
  for (const t of found) t.dispose();
}

function disposeFrame(frame: ScopeFrame, spare: ReadonlySet<Tensor>): void {
  for (const t of frame.tensors) {
    if (!t.isKept && !spare.has(t)) t.dispose();
  }
}

function collectTensors(value: unknown, out: Set<Tensor>, seen: Set<unknown>): void {
  if (value instanceof Tensor) {
    out.add(value);
    return;
  }
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) collectTensors(v, out, seen);
  } else if (value instanceof Map) {
    for (const v of value.values()) collectTensors(v, out, seen);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collectTensors(v, out, seen);
  }
}

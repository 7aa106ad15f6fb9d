/** Marker shared by every copy of `@backprop/errors` loaded in one realm. */
const MARKER: unique symbol = Symbol.for("backprop.error") as never;
/** Kinds of an error (its class and every backprop ancestor), shared across copies too. */
const KINDS: unique symbol = Symbol.for("backprop.error.kinds") as never;

/**
 * Options every backprop error accepts.
 *
 * @example
 * ```ts
 * import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";
 * const options: BackpropErrorOptions = { cause: new Error("disk full") };
 * console.log((new BackpropError("could not save", options).cause as Error).message); // disk full
 * ```
 */
export interface BackpropErrorOptions {
  /** The lower-level error that caused this one. */
  readonly cause?: unknown;
}

type ErrorClass<T> = abstract new (...args: never[]) => T;

/**
 * Base class of every error thrown by a backprop package.
 *
 * Two installed copies of `@backprop/errors` (say, one nested under another package) create
 * different classes, so `instanceof` fails across them. Use the static `isInstance` instead: it
 * recognises errors by a `Symbol.for` marker and by the error's kind name.
 *
 * @example
 * ```ts
 * import { BackpropError, ShapeError } from "@backprop/errors";
 * try {
 *   throw new ShapeError({ op: "matMul", argument: "b", expected: "[784, *]", actual: [785, 10] });
 * } catch (e) {
 *   console.log(BackpropError.isInstance(e), ShapeError.isInstance(e)); // true true
 * }
 * ```
 */
export class BackpropError extends Error {
  /** Stable kind name of this class; subclasses override it. */
  static readonly kind: string = "BackpropError";
  /** Stable machine-readable code, e.g. `"BACKPROP_SHAPE"`. */
  readonly code: string;
  readonly [MARKER] = true;
  readonly [KINDS]: readonly string[];

  constructor(message: string, options: BackpropErrorOptions & { code?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const ctor = new.target as unknown as { kind: string };
    this.name = ctor.kind;
    this.code = options.code ?? "BACKPROP_ERROR";
    this[KINDS] = kindsOf(new.target);
  }

  /**
   * True when `value` is an error of this class (or a subclass), from any installed copy of
   * `@backprop/errors`.
   */
  static isInstance<T>(this: ErrorClass<T> & { kind: string }, value: unknown): value is T {
    if (typeof value !== "object" || value === null) return false;
    const record = value as { [MARKER]?: unknown; [KINDS]?: unknown };
    if (record[MARKER] !== true) return false;
    const kinds = record[KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass isInstance was called on.
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }
}

function kindsOf(ctor: unknown): string[] {
  const kinds: string[] = [];
  let current: unknown = ctor;
  while (typeof current === "function") {
    const kind: unknown = Object.hasOwn(current, "kind") ? Reflect.get(current, "kind") : undefined;
    if (typeof kind === "string") kinds.push(kind);
    current = Object.getPrototypeOf(current);
  }
  return kinds;
}

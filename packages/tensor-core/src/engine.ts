import { BackendError } from "@backprop/errors";
import type { Backend } from "./backend.js";
import { createReferenceBackend } from "./backends/reference/reference-backend.js";
import type { Tensor } from "./tensor.js";
import type { BackendName } from "./types.js";

/** A scope collects the tensors created while it is open. */
export interface ScopeFrame {
  readonly tensors: Tensor[];
}

interface Counts {
  numTensors: number;
  numBytes: number;
}

/** Process-wide state: registered backends, the default one, open scopes and live counts. */
export interface EngineState {
  readonly backends: Map<BackendName, Backend>;
  defaultBackend: BackendName;
  readonly scopes: ScopeFrame[];
  readonly counts: Map<BackendName, Counts>;
  nextId: number;
  /** Resolves once wasm is ready; set by the first `initBackend({ backend: "wasm" })`. */
  wasmInit: Promise<unknown> | undefined;
}

let state: EngineState | undefined;

/** The engine state, created on first use (never on import). */
export function engine(): EngineState {
  if (state === undefined) {
    const reference = createReferenceBackend();
    state = {
      backends: new Map([["reference", reference]]),
      defaultBackend: "reference",
      scopes: [],
      counts: new Map(),
      nextId: 0,
      wasmInit: undefined,
    };
  }
  return state;
}

/** The backend called `name`, or a typed error saying how to initialise it. */
export function backendFor(name: BackendName): Backend {
  const backend = engine().backends.get(name);
  if (backend === undefined) {
    throw new BackendError({
      backend: name,
      reason: `not initialised; call \`await initBackend({ backend: "${name}" })\` first`,
    });
  }
  return backend;
}

/** Records a new live tensor and adds it to the innermost open scope. */
export function trackTensor(t: Tensor, bytes: number): void {
  const s = engine();
  const c = countsOf(s, t.backend);
  c.numTensors++;
  c.numBytes += bytes;
  s.scopes[s.scopes.length - 1]?.tensors.push(t);
}

/** Records that a tensor was disposed. */
export function untrackTensor(t: Tensor, bytes: number): void {
  const c = countsOf(engine(), t.backend);
  c.numTensors--;
  c.numBytes -= bytes;
}

/** Counts of live tensors per backend. */
export function liveCounts(name: BackendName): Readonly<Counts> {
  return countsOf(engine(), name);
}

function countsOf(s: EngineState, name: BackendName): Counts {
  let c = s.counts.get(name);
  if (c === undefined) {
    c = { numTensors: 0, numBytes: 0 };
    s.counts.set(name, c);
  }
  return c;
}

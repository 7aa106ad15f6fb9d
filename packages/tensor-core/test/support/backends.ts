import {
  type BackendName,
  initBackend,
  memory,
  setDefaultBackend,
  type Tensor,
} from "@backprop/tensor-core";
import { beforeAll, beforeEach, describe, expect } from "vitest";

/** Both backends; every conformance test runs on each. */
export const BACKENDS: readonly BackendName[] = ["reference", "wasm"];

/** Tolerance by precision: float64 agrees to rounding, float32 to ~1e-6 relative. */
export function tolerance(backend: BackendName): { rtol: number; atol: number } {
  return backend === "wasm" ? { rtol: 2e-5, atol: 1e-6 } : { rtol: 1e-12, atol: 1e-14 };
}

/**
 * Runs `body` once per backend inside a describe block whose default backend is that backend.
 * The wasm backend is initialised once per file (in beforeAll).
 */
export function describeEachBackend(title: string, body: (backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    describe(`${title} [${backend}]`, () => {
      beforeAll(async () => {
        await initBackend({ backend: "wasm" });
      });
      beforeEach(() => {
        setDefaultBackend(backend);
      });
      body(backend);
    });
  }
}

/** Asserts `actual` (tensor) equals `expected` (nested numbers) within the backend's tolerance. */
export function expectClose(
  actual: Tensor,
  expected: unknown,
  backend: BackendName = actual.backend,
): void {
  const { rtol, atol } = tolerance(backend);
  const got = actual.arraySync();
  expect(shapeOfNested(got)).toEqual(shapeOfNested(expected));
  const a = flat(got);
  const e = flat(expected);
  for (let i = 0; i < e.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(y)) {
      expect(x, `element ${i}`).toBeNaN();
    } else if (!Number.isFinite(y)) {
      expect(x, `element ${i}`).toBe(y);
    } else {
      const ok = Math.abs(x - y) <= atol + rtol * Math.max(Math.abs(x), Math.abs(y));
      if (!ok) expect(x, `element ${i} of ${JSON.stringify(got)}`).toBe(y);
    }
  }
}

/** Runs `fn` and asserts it leaves no live tensor behind, ours or the backend's own. */
export function expectNoLeak(fn: () => void): void {
  const before = memory();
  fn();
  const after = memory();
  expect(after.numTensors).toBe(before.numTensors);
  for (const name of Object.keys(after.backends) as BackendName[]) {
    expect(after.backends[name]?.backendTensors, `backend ${name}'s own tensors`).toBe(
      before.backends[name]?.backendTensors ?? 0,
    );
  }
}

function flat(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(flat);
  return [value as number];
}

function shapeOfNested(value: unknown): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

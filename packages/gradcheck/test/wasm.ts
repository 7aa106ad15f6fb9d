// Tests that need a float32 tensor on the wasm backend. They skip only when wasm cannot start
// and CI is not set; under CI=true a wasm failure fails them.
import { initBackend, setDefaultBackend } from "@backprop/tensor-core";
import { it } from "vitest";

let ready: Promise<unknown> | undefined;

/** Starts wasm once per file (keeping "reference" the default); resolves to the error, if any. */
function startWasm(): Promise<unknown> {
  ready ??= initBackend({ backend: "wasm" }).then(
    () => {
      setDefaultBackend("reference");
      return null;
    },
    (error: unknown) => error,
  );
  return ready;
}

/** `it`, for a test that needs the wasm backend. */
export function withWasm(name: string, body: () => void): void {
  it(name, async (ctx) => {
    const error = await startWasm();
    if (error !== null) {
      if (process.env.CI === "true") throw error;
      ctx.skip(`wasm backend unavailable: ${String(error)}`);
    }
    body();
  });
}

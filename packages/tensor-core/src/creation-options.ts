import { DTypeError, InvalidOptionError } from "@backprop/errors";
import type { Backend } from "./backend.js";
import { backendFor, engine } from "./engine.js";
import type { BackendName, DType } from "./types.js";

/** A dtype, or `"float"` for the backend's floating dtype (float32 on wasm, float64 on reference). */
export type DTypeOption = DType | "float";

/** Options shared by the creation functions. */
export interface CreationOptions {
  /** Backend to create on; the default backend when omitted. */
  readonly backend?: BackendName;
  /** Element type; the backend's float dtype when omitted. */
  readonly dtype?: DTypeOption;
}

/** The backend object for `name` (or the default one). */
export function resolveBackend(op: string, name: BackendName | undefined): Backend {
  if (name !== undefined && name !== "wasm" && name !== "reference") {
    throw new InvalidOptionError({
      op,
      option: "backend",
      value: name,
      expected: "'wasm' or 'reference'",
    });
  }
  return backendFor(name ?? engine().defaultBackend);
}

/** Resolves a dtype option against a backend: "float" → its float dtype; foreign floats rejected. */
export function resolveDType(op: string, backend: Backend, dtype: DTypeOption | undefined): DType {
  if (dtype === undefined || dtype === "float") return backend.floatDType;
  if (dtype === "int32" || dtype === "bool") return dtype;
  if (dtype === "float32" || dtype === "float64") {
    if (dtype !== backend.floatDType) {
      throw new DTypeError({
        op,
        argument: "dtype",
        expected: `${backend.floatDType}, int32 or bool on backend '${backend.name}'`,
        actual: dtype,
        detail: `Backend '${backend.name}' stores floats as ${backend.floatDType}; pass dtype "float" to stay backend-neutral`,
      });
    }
    return dtype;
  }
  throw new InvalidOptionError({
    op,
    option: "dtype",
    value: dtype,
    expected: "'float', 'float32', 'float64', 'int32' or 'bool'",
  });
}

import type { TensorInfo } from "../../backend.js";
import type { TypedArray } from "../../types.js";

/** A reference-backend handle: the values, row-major, never mutated after creation. */
export interface RefHandle {
  readonly values: TypedArray;
}

/** The values behind a kernel input. */
export function valuesOf(x: TensorInfo): TypedArray {
  return (x.handle as RefHandle).values;
}

/** Float64 values of a float kernel input (the op layer guarantees the dtype). */
export function floatsOf(x: TensorInfo): Float64Array {
  return (x.handle as RefHandle).values as Float64Array;
}

/** Live-handle accounting for `memory()`. */
export class HandleCounter {
  numTensors = 0;
  numBytes = 0;

  wrap(values: TypedArray): RefHandle {
    this.numTensors++;
    this.numBytes += values.byteLength;
    return { values };
  }

  release(x: TensorInfo): void {
    this.numTensors--;
    this.numBytes -= valuesOf(x).byteLength;
  }
}

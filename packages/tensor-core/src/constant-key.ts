import type { DType } from "./types.js";

/** Distinct scalar constants a backend caches before it starts over (bounds the cache). */
export const MAX_CONSTANTS = 1024;

/** The cache key of a scalar constant (−0 and 0 are different constants). */
export function constantKey(value: number, dtype: DType): string {
  return `${dtype}:${Object.is(value, -0) ? "-0" : String(value)}`;
}

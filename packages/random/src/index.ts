export { createRng } from "./create-rng.js";
export { deriveRng } from "./derive-rng.js";
export { deriveSeed } from "./derive-seed.js";
export { type SplitIndicesOptions, splitIndices } from "./split-indices.js";
export type { FloatArray, Rng, RngState, SampleOptions } from "./types.js";

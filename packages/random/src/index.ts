export { createRng, deriveRng } from "./create-rng.js";
export { deriveSeed } from "./derive-seed.js";
export type { FloatArray, Rng, RngState } from "./types.js";

export {
  constant,
  type InitOptions,
  normal,
  ones,
  type RandomInitOptions,
  truncatedNormal,
  uniform,
  zeros,
} from "./basic.js";
export { type FanOptions, type Fans, fansOf } from "./fans.js";
export { gain, type Nonlinearity } from "./gain.js";
export {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  type ScaledInitOptions,
  torchLinearUniform,
  xavierBook,
} from "./variance-scaling.js";
export {
  denseDefaults,
  type FrameworkPreset,
  type InitName,
  initWeight,
  type WeightInit,
} from "./weight-init.js";

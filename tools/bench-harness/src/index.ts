export {
  type InterleavedOptions,
  type InterleavedResult,
  measureInterleaved,
  type SelfTimed,
} from "./interleaved.js";
export { type MeasureOptions, measure, quickMode } from "./measure.js";
export { type Cell, formatTable, reportTargets, type TargetCheck, writeResults } from "./report.js";

export { type MeasureOptions, measure, quickMode } from "./measure.js";
export { type Cell, formatTable, reportTargets, type TargetCheck, writeResults } from "./report.js";

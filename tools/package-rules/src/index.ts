export {
  collectExamples,
  type Example,
  expectedOutputs,
  exportsWithoutExample,
  runExample,
  runExampleAsync,
} from "./examples.js";
export { describeExamples, type ExamplesSuiteOptions } from "./examples-suite.js";
export {
  binSources,
  filesUsingMathRandom,
  indexProblems,
  moduleLevelWork,
  readSources,
  type SourceFile,
  withoutComments,
} from "./sources.js";

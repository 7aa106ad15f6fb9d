export {
  collectExamples,
  type Example,
  expectedOutputs,
  exportsWithoutExample,
  runExample,
} from "./examples.js";
export {
  filesUsingMathRandom,
  indexProblems,
  moduleLevelWork,
  readSources,
  type SourceFile,
  withoutComments,
} from "./sources.js";

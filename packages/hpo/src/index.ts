export { type CreateStudyOptions, createStudy } from "./create-study.js";
export { DuplicatedStudyError } from "./duplicated-study-error.js";
export { FixedTrial, type FixedTrialOptions } from "./fixed-trial.js";
export { type GridSamplerOptions, gridSampler } from "./grid-sampler.js";
export { inMemoryStorage } from "./in-memory-storage.js";
export type {
  JournalBackend,
  JournalLine,
  JournalNotice,
  JournalReadResult,
} from "./journal-backend.js";
export { JournalFileBackend, type JournalFileBackendOptions } from "./journal-file-backend.js";
export { JournalLockError } from "./journal-lock-error.js";
export {
  JournalStorage,
  type JournalStorageOptions,
  type JournalWarning,
} from "./journal-storage.js";
export { loadObjective } from "./load-objective.js";
export { type LoadStudyOptions, loadStudy } from "./load-study.js";
export {
  type NarrowingResult,
  type NarrowingSearchOptions,
  type NarrowingStage,
  narrowingSearch,
} from "./narrowing-search.js";
export { NoCompletedTrialsError } from "./no-completed-trials-error.js";
export { nopPruner } from "./nop-pruner.js";
export { type OpenStorageOptions, openStorage } from "./open-storage.js";
export {
  type MedianPrunerOptions,
  medianPruner,
  type PercentilePrunerOptions,
  percentilePruner,
} from "./percentile-pruner.js";
export { PostgresStorage, type PostgresStorageOptions } from "./postgres-storage.js";
export {
  type EpochLogsLike,
  type PruningCallback,
  type PruningCallbackOptions,
  pruningCallback,
  type TrainingControlLike,
} from "./pruning-callback.js";
export { type RandomSamplerOptions, randomSampler } from "./random-sampler.js";
export { type ParamSpec, type SearchSpace, suggestParams } from "./search-space.js";
export { StorageError } from "./storage-error.js";
export {
  type EnqueueTrialOptions,
  type FailStaleTrialsOptions,
  type OptimizeCallback,
  type OptimizeOptions,
  type OptimizeProgress,
  type OptimizeResult,
  Study,
} from "./study.js";
export { StudyNotFoundError } from "./study-not-found-error.js";
export {
  type SuccessiveHalvingPrunerOptions,
  successiveHalvingPruner,
} from "./successive-halving-pruner.js";
export { type TpeSamplerOptions, tpeSampler } from "./tpe-sampler.js";
export { TrialFailedError } from "./trial-failed-error.js";
export { TrialPruned } from "./trial-pruned.js";
export type {
  CategoricalChoice,
  CategoricalDistribution,
  Distribution,
  FloatDistribution,
  FrozenTrial,
  IntDistribution,
  JsonValue,
  Objective,
  ParamValue,
  Pruner,
  PrunerContext,
  Sampler,
  SamplerContext,
  Storage,
  StudyDirection,
  StudySummary,
  StudyView,
  SuggestOptions,
  Trial,
  TrialState,
  TrialTemplate,
} from "./types.js";

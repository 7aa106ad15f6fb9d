export { type EarlyStoppingOptions, earlyStopping } from "./callbacks/early-stopping.js";
export {
  cosineDecay,
  exponentialDecay,
  learningRateSchedule,
  type ScheduleOptions,
  stepDecay,
} from "./callbacks/lr-schedule.js";
export {
  type CheckpointWriter,
  type ModelCheckpointOptions,
  modelCheckpoint,
} from "./callbacks/model-checkpoint.js";
export type { MonitorMode } from "./callbacks/monitor.js";
export { type ProgressEvent, progress } from "./callbacks/progress.js";
export {
  type ReduceLROnPlateauOptions,
  reduceLROnPlateau,
} from "./callbacks/reduce-lr-on-plateau.js";
export { terminateOnNaN } from "./callbacks/terminate-on-nan.js";
export {
  type CheckpointContents,
  type DeserializeCheckpointOptions,
  deserializeCheckpoint,
  type LoadedCheckpoint,
  serializeCheckpoint,
} from "./checkpoint.js";
export { type SplitDatasetOptions, selectRows, splitDataset } from "./dataset-ops.js";
export { confusionMatrix, type EvaluateOptions, type Evaluation, evaluate } from "./evaluate.js";
export { fit } from "./fit.js";
export type { FitOptions } from "./fit-options.js";
export { NonFiniteLossError } from "./non-finite-loss-error.js";
export type {
  BatchLogs,
  Callback,
  CallbackState,
  Dataset,
  EpochLogs,
  FitResult,
  History,
  Metrics,
  StopReason,
  TrainableModel,
  TrainerState,
  TrainingControl,
} from "./types.js";

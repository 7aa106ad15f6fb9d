export { embeddedData, type ResultBody, type RunContext, runContext } from "./context.js";
export {
  type BatchnormExerciseSettings,
  batchnormExercise,
} from "./experiments/batchnorm-exercise.js";
export {
  type BatchnormGridSettings,
  batchnormGrid,
} from "./experiments/batchnorm-grid.js";
export {
  BOOK_SEARCH_CURVES_KEY,
  BOOK_SEARCH_FULL,
  BOOK_SEARCH_QUICK,
  type BookSearchObjectiveOptions,
  type BookSearchSettings,
  type BookSearchSpace,
  type BookSearchTestOptions,
  type BookSearchTrial,
  bookSearchObjective,
  bookSearchTest,
} from "./experiments/book-search.js";
export { type DropoutSettings, dropout } from "./experiments/dropout.js";
export { type GradientCheckSettings, gradientCheck } from "./experiments/gradient-check.js";
export {
  type GradientDescentSettings,
  gradientDescent,
  numericalGradient,
} from "./experiments/gradient-descent.js";
export {
  type InitHistogramsSettings,
  type InitScale,
  initHistograms,
} from "./experiments/init-histograms.js";
export { type InitMnistSettings, initMnist } from "./experiments/init-mnist.js";
export { type LectureMnistSettings, lectureMnist } from "./experiments/lecture-mnist.js";
export { type Optimizers2dSettings, optimizers2d } from "./experiments/optimizers-2d.js";
export {
  type OptimizersMnistSettings,
  optimizersMnist,
} from "./experiments/optimizers-mnist.js";
export { type OverfittingSettings, overfitting } from "./experiments/overfitting.js";
export {
  type SoftmaxRegressionSettings,
  softmaxRegression,
} from "./experiments/softmax-regression.js";
export { type TwoLayerNetSettings, twoLayerNet } from "./experiments/two-layer-net.js";
export { type WeightDecaySettings, weightDecay } from "./experiments/weight-decay.js";
export { type XorSettings, xor } from "./experiments/xor.js";
export type { AxisOptions } from "./plots/axis.js";
export { type BarChartOptions, barChart } from "./plots/bar-chart.js";
export { type HeatmapOptions, heatmap } from "./plots/heatmap.js";
export { type HistogramGridOptions, histogramGrid } from "./plots/histogram-grid.js";
export { type LineChartOptions, lineChart, type Series } from "./plots/line-chart.js";
export { type LineChartGridOptions, lineChartGrid } from "./plots/line-chart-grid.js";
export {
  type OptimizationHistoryOptions,
  optimizationHistory,
} from "./plots/optimization-history.js";
export {
  type ParallelCoordinatesOptions,
  parallelCoordinates,
} from "./plots/parallel-coordinates.js";
export { type PathsOnContoursOptions, pathsOnContours } from "./plots/paths-on-contours.js";
export {
  type PathsOnContoursGridOptions,
  pathsOnContoursGrid,
} from "./plots/paths-on-contours-grid.js";
export { type RangeStage, type RangeStagesOptions, rangeStages } from "./plots/range-stages.js";
export type { SearchParamAxis, SearchTrialPoint } from "./plots/search-trials.js";
export { type SlicePlotOptions, slicePlot } from "./plots/slice-plot.js";
export { PLOT_COLORS, PLOT_FONT_FAMILY, plotConfig } from "./plots/theme.js";
export type { VegaLiteSpec } from "./plots/types.js";
export { EXPERIMENTS } from "./registry.js";
export { smoothCurve } from "./smooth-curve.js";
export type {
  Claim,
  Experiment,
  ExperimentOptions,
  ExperimentResult,
  MnistData,
  PlotSpec,
} from "./types.js";

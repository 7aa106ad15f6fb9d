import { batchnormExercise } from "./experiments/batchnorm-exercise.js";
import { batchnormGrid } from "./experiments/batchnorm-grid.js";
import { dropout } from "./experiments/dropout.js";
import { gradientCheck } from "./experiments/gradient-check.js";
import { gradientDescent } from "./experiments/gradient-descent.js";
import { initHistograms } from "./experiments/init-histograms.js";
import { initMnist } from "./experiments/init-mnist.js";
import { lectureMnist } from "./experiments/lecture-mnist.js";
import { optimizers2d } from "./experiments/optimizers-2d.js";
import { optimizersMnist } from "./experiments/optimizers-mnist.js";
import { overfitting } from "./experiments/overfitting.js";
import { softmaxRegression } from "./experiments/softmax-regression.js";
import { twoLayerNet } from "./experiments/two-layer-net.js";
import { weightDecay } from "./experiments/weight-decay.js";
import { xor } from "./experiments/xor.js";
import type { Experiment } from "./types.js";

/**
 * Every experiment, by command-line name, in the order of the notes.
 *
 * @example
 * ```ts
 * import { EXPERIMENTS } from "@backprop/experiments";
 * console.log(Object.keys(EXPERIMENTS)[0]); // gradient-descent
 * ```
 */
export const EXPERIMENTS: Readonly<Record<string, Experiment<never>>> = {
  [gradientDescent.name]: gradientDescent as Experiment<never>,
  [gradientCheck.name]: gradientCheck as Experiment<never>,
  [twoLayerNet.name]: twoLayerNet as Experiment<never>,
  [optimizers2d.name]: optimizers2d as Experiment<never>,
  [optimizersMnist.name]: optimizersMnist as Experiment<never>,
  [initHistograms.name]: initHistograms as Experiment<never>,
  [initMnist.name]: initMnist as Experiment<never>,
  [batchnormGrid.name]: batchnormGrid as Experiment<never>,
  [overfitting.name]: overfitting as Experiment<never>,
  [weightDecay.name]: weightDecay as Experiment<never>,
  [dropout.name]: dropout as Experiment<never>,
  [xor.name]: xor as Experiment<never>,
  [softmaxRegression.name]: softmaxRegression as Experiment<never>,
  [lectureMnist.name]: lectureMnist as Experiment<never>,
  [batchnormExercise.name]: batchnormExercise as Experiment<never>,
};

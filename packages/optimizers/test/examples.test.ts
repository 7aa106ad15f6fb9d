// Every export carries a JSDoc `@example` (but the older ones listed below), and every example (and
// the README's) runs and prints what its `// expected` comments say (tools/package-rules'
// describeExamples), on the float64 reference backend.
import * as optimizers from "@backprop/optimizers";
import * as tensorCore from "@backprop/tensor-core";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({
  testUrl: import.meta.url,
  modules: { "@backprop/optimizers": optimizers, "@backprop/tensor-core": tensorCore },
  minimumExports: 30,
  beforeEach: () => tensorCore.setDefaultBackend("reference"),
  // Exports from before the rule that still have no JSDoc `@example`: write one, drop the name.
  withoutExample: [
    "AdamOptions",
    "adam",
    "adamw",
    "AdaGradOptions",
    "adagrad",
    "RMSPropOptions",
    "rmsprop",
    "BaseOptimizer",
    "Hyper",
    "AnyOptimizerOptions",
    "OptimizerName",
    "MomentumOptions",
    "momentum",
    "nesterov",
    "deserializeTensor",
    "serializeTensor",
    "SGDOptions",
    "sgd",
    "ClipOptions",
    "GradMap",
    "Optimizer",
    "OptimizerOptions",
    "OptimizerState",
    "ParamMap",
    "SerializedTensor",
  ],
});

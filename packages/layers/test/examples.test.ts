// Every export carries a JSDoc `@example` (but the older ones listed below), and every example of
// the main entry (and the README's) runs and prints what its `// expected` comments say
// (tools/package-rules' describeExamples), on the float64 reference backend. The Node entry's
// examples write files: model-file.test.ts covers them.
import * as init from "@backprop/init";
import * as layers from "@backprop/layers";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({
  testUrl: import.meta.url,
  modules: {
    "@backprop/init": init,
    "@backprop/layers": layers,
    "@backprop/random": random,
    "@backprop/tensor-core": tensorCore,
  },
  illustrations: ["node.ts"],
  minimumExports: 30,
  beforeEach: () => tensorCore.setDefaultBackend("reference"),
  // Exports from before the rule that still have no JSDoc `@example`: write one, drop the name.
  withoutExample: [
    "BatchNormOptions",
    "DenseOptions",
    "DropoutOptions",
    "LayerConfig",
    "layerConfig",
    "layerFromConfig",
    "DeserializeModelOptions",
    "deserializeModel",
    "LoadModelTensorsOptions",
    "loadModelTensors",
    "SerializeModelOptions",
    "WeightLayout",
    "Cached",
    "Module",
    "ActivationName",
    "MultiLayerNetOptions",
    "MAX_HEADER_BYTES",
    "SafetensorsDType",
    "SafetensorsEntry",
    "SafetensorsFile",
    "SequentialOptions",
    "ForwardOptions",
    "Layer",
    "Loss",
    "ParamMap",
  ],
});

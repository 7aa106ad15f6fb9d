// Every export carries a JSDoc `@example` (but the older ones listed below), and every example (and
// the README's) runs and prints what its `// expected` comments say (tools/package-rules'
// describeExamples). Examples run on the default backend, the float64 reference one.
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({
  testUrl: import.meta.url,
  modules: { "@backprop/random": random, "@backprop/tensor-core": tensorCore },
  minimumExports: 30,
  setup: () => tensorCore.initBackend({ backend: "wasm" }),
  beforeEach: () => tensorCore.setDefaultBackend("reference"),
  // Exports from before the rule that still have no JSDoc `@example`: write one, drop the name.
  withoutExample: [
    "ArgReduceOp",
    "Backend",
    "BackendMemory",
    "BinaryOp",
    "CompareOp",
    "LogicalOp",
    "ReduceOp",
    "TensorInfo",
    "UnaryOp",
    "WasmBackendInfo",
    "CreationOptions",
    "DTypeOption",
    "BackendInfo",
    "InitBackendOptions",
    "MemoryInfo",
    "ConcatOptions",
    "TensorOptions",
    "GatherOptions",
    "OneHotOptions",
    "RandomNormalOptions",
    "RandomUniformOptions",
    "ArgReduceOptions",
    "ReduceOptions",
    "LogSumExpOptions",
    "SoftmaxOptions",
    "TransposeOptions",
    "ClipOptions",
    "LeakyReluOptions",
    "ArrayValue",
    "BackendName",
    "DType",
    "DTypeArrayMap",
    "FloatDType",
    "NestedArray",
    "Shape",
    "TypedArray",
  ],
});

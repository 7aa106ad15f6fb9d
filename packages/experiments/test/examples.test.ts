// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (tools/package-rules' describeExamples).
import * as experiments from "@backprop/experiments";
import * as tensorCore from "@backprop/tensor-core";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({
  testUrl: import.meta.url,
  modules: { "@backprop/experiments": experiments, "@backprop/tensor-core": tensorCore },
  minimumExports: 20,
  setup: () => tensorCore.initBackend({ backend: "wasm" }),
  timeout: 120_000,
});

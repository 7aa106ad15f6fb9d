// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (tools/package-rules' describeExamples), on the float64
// reference backend.
import * as init from "@backprop/init";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({
  testUrl: import.meta.url,
  modules: {
    "@backprop/init": init,
    "@backprop/random": random,
    "@backprop/tensor-core": tensorCore,
  },
  beforeEach: () => tensorCore.setDefaultBackend("reference"),
});

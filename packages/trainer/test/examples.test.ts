// Every export carries a JSDoc `@example`, and every example of the main entry (and the README's)
// runs and prints what its `// expected` comments say (tools/package-rules' describeExamples). The
// Node entry's examples write files and are illustrations; node.test.ts covers those functions.
import * as layers from "@backprop/layers";
import * as optimizers from "@backprop/optimizers";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import * as trainer from "@backprop/trainer";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({
  testUrl: import.meta.url,
  modules: {
    "@backprop/layers": layers,
    "@backprop/optimizers": optimizers,
    "@backprop/random": random,
    "@backprop/tensor-core": tensorCore,
    "@backprop/trainer": trainer,
  },
  illustrations: ["node.ts"],
  minimumExports: 30,
  setup: () => tensorCore.initBackend({ backend: "wasm" }),
  beforeEach: () => tensorCore.setDefaultBackend("reference"),
});

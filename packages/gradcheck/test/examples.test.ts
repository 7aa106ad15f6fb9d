// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (tools/package-rules' describeExamples), each inside a tensor
// scope so nothing it makes outlives it.
import * as gradcheck from "@backprop/gradcheck";
import * as random from "@backprop/random";
import * as tensorCore from "@backprop/tensor-core";
import { describeExamples } from "@backprop-tools/package-rules";
import * as fastCheck from "fast-check";

describeExamples({
  testUrl: import.meta.url,
  modules: {
    "@backprop/gradcheck": gradcheck,
    "@backprop/tensor-core": tensorCore,
    "@backprop/random": random,
    "fast-check": fastCheck,
  },
  minimumExports: 30,
  wrap: (body) => tensorCore.scope(body),
});

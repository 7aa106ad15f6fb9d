// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (tools/package-rules' describeExamples).
import * as errors from "@backprop/errors";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({ testUrl: import.meta.url, modules: { "@backprop/errors": errors } });

// Every export carries a JSDoc `@example`, and every example (and the README's) runs and prints
// what its `// expected` comments say (tools/package-rules' describeExamples).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as cli from "@backprop/cli";
import * as errors from "@backprop/errors";
import { describeExamples } from "@backprop-tools/package-rules";

describeExamples({
  testUrl: import.meta.url,
  modules: {
    "@backprop/cli": cli,
    "@backprop/errors": errors,
    "node:fs": fs,
    "node:os": os,
    "node:path": path,
  },
  minimumExports: 20,
});

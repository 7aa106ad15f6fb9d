// Every export of both entry points carries a JSDoc `@example`, and every example (and the
// README's) runs and prints what its `// expected` comments say (tools/package-rules'
// describeExamples). Examples that read Debian's Fashion-MNIST need it (CI installs it).
import { existsSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as mnist from "@backprop/data-mnist";
import * as node from "@backprop/data-mnist/node";
import * as random from "@backprop/random";
import {
  describeExamples,
  exportsWithoutExample,
  readSources,
} from "@backprop-tools/package-rules";
import { expect, it } from "vitest";

const debian = existsSync(`${mnist.DEBIAN_DIRS["fashion-mnist"]}/t10k-images-idx3-ubyte.gz`);

describeExamples({
  testUrl: import.meta.url,
  modules: {
    "@backprop/data-mnist": mnist,
    "@backprop/data-mnist/node": node,
    "@backprop/random": random,
    "node:fs/promises": fsPromises, // the fetchDataset example's stand-in server reads files
  },
  minimumExports: 30,
  skip: (code) =>
    /DEBIAN_DIRS\[|name: "fashion-mnist"/.test(code) && !debian && process.env.CI !== "true"
      ? "Debian's dataset-fashion-mnist is not installed"
      : undefined,
});

it("every name exported from @backprop/data-mnist/node has a JSDoc comment with an @example", () => {
  const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
  const asIndex = sources
    .filter((s) => s.file !== "index.ts")
    .map((s) => (s.file === "node.ts" ? { ...s, file: "index.ts" } : s));
  const { names, missing } = exportsWithoutExample(asIndex);
  expect(names.length).toBeGreaterThanOrEqual(6);
  expect(missing).toEqual([]);
});

#!/usr/bin/env node
// The `backprop` executable: the only module here that runs on load (it is what `npx backprop`
// runs, never what `import "@backprop/cli"` loads).
import { createRequire } from "node:module";
import { main } from "./main.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
process.exitCode = main(
  process.argv.slice(2),
  { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
  version,
);

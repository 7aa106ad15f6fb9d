#!/usr/bin/env node
// The `backprop` executable: the only module here that runs on load (it is what `npx backprop`
// runs, never what `import "@backprop/cli"` loads).
import { createRequire } from "node:module";
import { main } from "./main.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
const controller = new AbortController();
const interrupt = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on("SIGINT", interrupt);
process.on("SIGTERM", interrupt);
process.exitCode = await main(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    progressStream: process.stderr.isTTY ? process.stderr : undefined,
    env: process.env,
    signal: controller.signal,
  },
  version,
);
process.off("SIGINT", interrupt);
process.off("SIGTERM", interrupt);

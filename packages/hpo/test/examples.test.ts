// Every export carries a JSDoc `@example`, and every example (and the README's) runs and
// prints what its `// expected` comments say (machinery: tools/package-rules). Examples that
// touch files run in a temporary working directory.
import * as fs from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { join } from "node:path";
import * as hpo from "@backprop/hpo";
import { describeExamples } from "@backprop-tools/package-rules";
import { afterAll, beforeAll, vi } from "vitest";

const modules = {
  "@backprop/hpo": hpo,
  "node:fs": fs,
  "node:os": os,
  "node:path": path,
};

let dir: string;
let cwd: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hpo-examples-"));
  cwd = process.cwd();
  process.chdir(dir);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describeExamples({ testUrl: import.meta.url, modules, minimumExports: 60 });

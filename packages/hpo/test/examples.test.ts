// Every export carries a JSDoc `@example`, and every example (and the README's) runs and
// prints what its `// expected` comments say (machinery: tools/package-rules). Examples that
// touch files run in a temporary working directory.
import * as fs from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as hpo from "@backprop/hpo";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  readSources,
  runExampleAsync,
} from "@backprop-tools/package-rules";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const sources = readSources(fileURLToPath(new URL("../src", import.meta.url)));
const examples = collectExamples(sources, fileURLToPath(new URL("../README.md", import.meta.url)));
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

describe("JSDoc examples", () => {
  it("every name exported from the index has a JSDoc comment with an @example", () => {
    const { names, missing } = exportsWithoutExample(sources);
    expect(names.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it.each(examples)("$where", async ({ code }) => {
    const printed = await runExampleAsync(code, modules);
    const expected = expectedOutputs(code);
    expect(printed.length).toBe(expected.length);
    expected.forEach((want, i) => {
      if (want !== undefined) expect(printed[i]).toBe(want);
    });
  });
});

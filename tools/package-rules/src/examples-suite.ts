import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  collectExamples,
  expectedOutputs,
  exportsWithoutExample,
  runExample,
  runExampleAsync,
} from "./examples.js";
import { readSources } from "./sources.js";

/** Options of {@link describeExamples}. */
export interface ExamplesSuiteOptions {
  /** The test file's `import.meta.url`: the package's sources are `../src`, its README `../README.md`. */
  readonly testUrl: string;
  /** What the examples import, by specifier. */
  readonly modules: Readonly<Record<string, unknown>>;
  /** Source files whose examples illustrate rather than run (they write files, need a service). */
  readonly illustrations?: readonly string[];
  /**
   * Exports from before the rule that still have no `@example` (debt: write one, drop the name).
   * A new export without one fails, and so does a name here that gained one or is gone.
   */
  readonly withoutExample?: readonly string[];
  /** The index exports at least this many names (guards against an index the checker misreads). */
  readonly minimumExports?: number;
  /** Runs once before the examples (e.g. `initBackend`). */
  readonly setup?: () => unknown;
  /** Runs before each example (e.g. `setDefaultBackend("reference")`). */
  readonly beforeEach?: () => void;
  /** Run each example synchronously inside this wrapper (e.g. a tensor `scope`) instead of as async code. */
  readonly wrap?: (body: () => void) => void;
  /** A reason to skip an example here (e.g. data this machine lacks), or undefined to run it. */
  readonly skip?: (code: string) => string | undefined;
  /** Per-example timeout in ms (default vitest's). */
  readonly timeout?: number;
}

/**
 * The house rule for documentation, as one vitest suite: every name exported from the package's
 * index has a JSDoc comment with an `@example`, and every example — the JSDoc ones and the
 * README's ```ts blocks — runs and prints what its `// expected` comments say.
 */
export function describeExamples(options: ExamplesSuiteOptions): void {
  const sources = readSources(fileURLToPath(new URL("../src", options.testUrl)));
  const illustrations = new Set(options.illustrations ?? []);
  const examples = collectExamples(
    sources.filter((s) => !illustrations.has(s.file)),
    fileURLToPath(new URL("../README.md", options.testUrl)),
  );
  if (options.setup !== undefined) beforeAll(options.setup);
  describe("JSDoc examples", () => {
    it("every name exported from the index has a JSDoc comment with an @example", () => {
      const { names, missing } = exportsWithoutExample(sources);
      const debt = options.withoutExample ?? [];
      expect(names.length).toBeGreaterThanOrEqual(options.minimumExports ?? 1);
      expect(missing.filter((name) => !debt.includes(name))).toEqual([]);
      expect(debt.filter((name) => !names.includes(name) || !missing.includes(name))).toEqual([]);
    });

    for (const { where, code } of examples) {
      const reason = options.skip?.(code);
      it.skipIf(reason !== undefined)(
        reason === undefined ? where : `${where} (skipped: ${reason})`,
        async () => {
          options.beforeEach?.();
          const printed =
            options.wrap === undefined
              ? await runExampleAsync(code, options.modules)
              : runExample(code, options.modules, options.wrap);
          const expected = expectedOutputs(code);
          expect(printed.length).toBe(expected.length);
          expected.forEach((want, i) => {
            if (want !== undefined) expect(printed[i]).toBe(want);
          });
        },
        options.timeout,
      );
    }
  });
}

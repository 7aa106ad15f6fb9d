import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One project per package and per tool (each has its own vitest.config.ts), and the docs.
    projects: ["packages/*/vitest.config.ts", "tools/*/vitest.config.ts", "docs/vitest.config.ts"],
    // Files run in parallel; tests inside a file run in order (the tfjs engine is global).
    fileParallelism: true,
  },
});

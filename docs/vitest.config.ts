import { backpropProject } from "../vitest.shared.js";

// Every example under Node, then the built site in headless Chromium (test/examples.test.ts);
// the pages' own rules (test/pages.test.ts).
export default backpropProject("docs", { testTimeout: 180_000, hookTimeout: 300_000 });

import { backpropProject } from "../../vitest.shared.js";

export default backpropProject("publish-smoke", { testTimeout: 900_000, hookTimeout: 900_000 });

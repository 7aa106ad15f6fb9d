import { backpropProject } from "../../vitest.shared.js";

export default backpropProject("hpo");

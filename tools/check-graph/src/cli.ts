#!/usr/bin/env node
import { resolve } from "node:path";
import { checkGraph } from "./check.js";

const args = process.argv.slice(2);
const at = args.indexOf("--root");
const root = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : process.cwd());
const report = checkGraph(root);
for (const v of report.violations) console.error(`✗ [${v.rule}] ${v.message}`);
console.log(
  `check-graph: ${report.packages} packages, ${report.edges} edges, ${report.violations.length} violations`,
);
process.exit(report.violations.length > 0 ? 1 : 0);

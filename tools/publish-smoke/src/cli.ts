#!/usr/bin/env node
import { resolve } from "node:path";
import { smoke } from "./smoke.js";

const args = process.argv.slice(2);
const value = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = resolve(value("--root") ?? process.cwd());
const only = value("--only");
const started = Date.now();
const { checks, dir } = await smoke({
  root,
  keep: args.includes("--keep"),
  ...(only === undefined ? {} : { only }),
  log: (line) => console.log(`publish-smoke: ${line}`),
});
const yes = (ok: boolean) => (ok ? "ok" : "FAIL");
const rows = checks.map((c) => [
  c.name,
  c.version,
  c.installed.join(" "),
  yes(c.closureOk),
  yes(c.importOk),
  yes(c.typesOk),
  yes(c.exampleOk),
]);
const header = [
  "package",
  "version",
  "installed @backprop packages",
  "only deps",
  "import",
  "types",
  "example",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
console.log(line(header));
for (const r of rows) console.log(line(r));
for (const c of checks) for (const p of c.problems) console.error(`✗ ${c.name}: ${p}`);
const failed = checks.filter((c) => c.problems.length > 0).length;
console.log(
  `publish-smoke: ${checks.length - failed}/${checks.length} packages ok in ${((Date.now() - started) / 1000).toFixed(0)} s${args.includes("--keep") ? ` (kept ${dir})` : ""}`,
);
process.exit(failed > 0 ? 1 : 0);

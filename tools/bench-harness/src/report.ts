import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A cell of a results table. */
export type Cell = string | number;

/** Formats rows as an aligned text table (numbers right-aligned, to 2 decimals or 3 significant digits). */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
): string {
  const text = rows.map((row) => row.map((c) => (typeof c === "number" ? formatNumber(c) : c)));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  const line = (cells: readonly string[], numeric: readonly boolean[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  const numericCols = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"),
  );
  return [
    line(header, numericCols),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...text.map((r) => line(r, numericCols)),
  ].join("\n");
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

/** Writes `data` as pretty JSON to `<dir>/bench-results/<name>.json` and returns the path. */
export function writeResults(dir: string, name: string, data: unknown): string {
  const out = join(dir, "bench-results");
  mkdirSync(out, { recursive: true });
  const path = join(out, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** One benchmark target and whether this run met it. */
export interface TargetCheck {
  readonly target: string;
  readonly pass: boolean;
  readonly detail: string;
}

/** Prints PASS/FAIL lines for the targets; returns true when all passed. */
export function reportTargets(targets: readonly TargetCheck[]): boolean {
  for (const t of targets) console.log(`${t.pass ? "PASS" : "FAIL"}  ${t.target}: ${t.detail}`);
  return targets.every((t) => t.pass);
}

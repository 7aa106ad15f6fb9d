/** The check of one input tensor. */
export interface TensorCheck {
  /** The input's name, e.g. `"x"` or `"dense1.weight"`. */
  readonly name: string;
  readonly shape: readonly number[];
  /** Elements compared. */
  readonly checked: number;
  /** Elements outside tolerance that are not at a kink. */
  readonly failed: number;
  /** Elements where f is not smooth between x−h and x+h (ReLU, max, abs switching). */
  readonly kinks: number;
  /** Largest |analytic − numerical| over the non-kink elements. */
  readonly maxAbsError: number;
  /** Largest |a − n| / max(|a|, |n|, tiny) over the non-kink elements (cs231n's relative error). */
  readonly maxRelError: number;
  /** The element with the largest tolerance violation (or, when all pass, the largest error). */
  readonly worst: WorstElement | null;
  /** Flat indices of the elements reported as kinks (at most 20 listed). */
  readonly kinkIndices: readonly number[];
}

/** One element of an input, with both gradients. */
export interface WorstElement {
  readonly flatIndex: number;
  readonly index: readonly number[];
  readonly analytic: number;
  readonly numerical: number;
}

/** The result of a gradient check. */
export interface GradCheckReport {
  /** True when no element of any input failed. */
  readonly ok: boolean;
  readonly tensors: readonly TensorCheck[];
  readonly tolerances: { readonly atol: number; readonly rtol: number; readonly h: number };
}

/** The report as a fixed-width table, one row per input. */
export function formatReport(report: GradCheckReport): string {
  const { atol, rtol, h } = report.tolerances;
  const header = [
    "input",
    "shape",
    "checked",
    "failed",
    "kinks",
    "max abs err",
    "max rel err",
    "worst (index: analytic vs numerical)",
  ];
  const rows = report.tensors.map((t) => [
    t.name,
    `[${t.shape.join(", ")}]`,
    String(t.checked),
    String(t.failed),
    String(t.kinks),
    t.maxAbsError.toExponential(2),
    t.maxRelError.toExponential(2),
    t.worst === null
      ? "-"
      : `[${t.worst.index.join(", ")}]: ${fmt(t.worst.analytic)} vs ${fmt(t.worst.numerical)}`,
  ]);
  const widths = header.map((_, c) =>
    Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd();
  const verdict = report.ok ? "PASS" : "FAIL";
  return [
    `gradient check ${verdict} (pass when |a − n| ≤ ${atol.toExponential()} + ${rtol.toExponential()}·max(|a|, |n|); h = ${h.toExponential()})`,
    line(header),
    ...rows.map(line),
  ].join("\n");
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(8);
}

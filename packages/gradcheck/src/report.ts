/**
 * One element of an input, with both gradients.
 *
 * @example
 * ```ts
 * import type { ElementCheck } from "@backprop/gradcheck";
 * const e: ElementCheck = { flatIndex: 5, index: [1, 2], analytic: 0.5, numerical: 0.25, absError: 0.25, relError: 0.5 };
 * console.log(e.index); // [ 1, 2 ]
 * ```
 */
export interface ElementCheck {
  /** Row-major position. */
  readonly flatIndex: number;
  /** Position per dimension (`[]` for a scalar input). */
  readonly index: readonly number[];
  readonly analytic: number;
  readonly numerical: number;
  /** `|analytic − numerical|`. */
  readonly absError: number;
  /** `|a − n| / max(|a|, |n|, 1e-300)` (cs231n's relative error). */
  readonly relError: number;
}

/**
 * The check of one input tensor.
 *
 * @example
 * ```ts
 * import { checkGradients } from "@backprop/gradcheck";
 * import { sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, 2], { backend: "reference" });
 * const [t] = checkGradients({ f: ({ x }) => sum(x), inputs: { x }, analytic: { x: tensor([1, 1], { backend: "reference" }) } }).tensors;
 * console.log(t.name, t.checked, t.failed, t.kinks); // x 2 0 0
 * ```
 */
export interface TensorCheck {
  /** The input's name, e.g. `"x"` or `"dense1.weight"`. */
  readonly name: string;
  readonly shape: readonly number[];
  /** True when no element failed. */
  readonly ok: boolean;
  /** Elements compared (all of them). */
  readonly checked: number;
  /** Elements outside tolerance that are not at a kink. */
  readonly failed: number;
  /** Elements outside tolerance where f is not smooth within ±h (ReLU, abs, max switching). */
  readonly kinks: number;
  /** Largest `|a − n|` over the non-kink elements. */
  readonly maxAbsError: number;
  /** Largest `|a − n| / max(|a|, |n|, tiny)` over the non-kink elements (cs231n's). */
  readonly maxRelError: number;
  /**
   * The non-kink element furthest past its tolerance — or, when all pass, the one closest to it.
   * `null` when the input has no elements or all of them are kinks.
   */
  readonly worst: ElementCheck | null;
  /** Flat indices of the first failed elements (at most {@link LISTED}). */
  readonly failedIndices: readonly number[];
  /** Flat indices of the first kinks (at most {@link LISTED}). */
  readonly kinkIndices: readonly number[];
}

/**
 * How many failed and kink indices a {@link TensorCheck} lists (20); the counts are complete.
 *
 * @example
 * ```ts
 * import { LISTED } from "@backprop/gradcheck";
 * console.log(LISTED); // 20
 * ```
 */
export const LISTED = 20;

/**
 * The rule a check applied: an element passes when `|a − n| ≤ atol + rtol·max(|a|, |n|)`.
 *
 * @example
 * ```ts
 * import type { Tolerances } from "@backprop/gradcheck";
 * const t: Tolerances = { atol: 1e-8, rtol: 1e-6, h: 1e-5, kinks: "detect" };
 * console.log(t.rtol); // 0.000001
 * ```
 */
export interface Tolerances {
  /** The absolute tolerance actually used (the default scales with |f(x)|). */
  readonly atol: number;
  readonly rtol: number;
  /** Central-difference step. */
  readonly h: number;
  readonly kinks: "detect" | "off";
}

/**
 * The result of a gradient check: `ok`, one {@link TensorCheck} per input, the tolerances, and a
 * readable table (`format()`, also `toString()` and `${report}`). Made by `checkGradients` and
 * `checkBackward`.
 *
 * @example
 * ```ts
 * import { checkGradients } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, -2], { backend: "reference" });
 * const report = checkGradients({
 *   f: ({ x }) => sum(mul(x, x)),
 *   inputs: { x },
 *   analytic: { x: tensor([2, -4], { backend: "reference" }) },
 * });
 * console.log(report.ok, report.tensor("x")?.failed); // true 0
 * // The default atol is 1e-8 · max(1, |f|), and f = 5 here.
 * console.log(report.format().split("\n")[0]); // gradient check PASSED (|a − n| ≤ 5.000e-8 + 1e-6·max(|a|, |n|), h = 1e-5)
 * ```
 */
export class GradCheckReport {
  /** True when no element of any input failed (kinks do not fail). */
  readonly ok: boolean;
  readonly tensors: readonly TensorCheck[];
  readonly tolerances: Tolerances;

  constructor(tensors: readonly TensorCheck[], tolerances: Tolerances) {
    this.tensors = tensors;
    this.tolerances = tolerances;
    this.ok = tensors.every((t) => t.ok);
  }

  /** The check of the input called `name`. */
  tensor(name: string): TensorCheck | undefined {
    return this.tensors.find((t) => t.name === name);
  }

  /** Names of the inputs that failed. */
  get failing(): string[] {
    return this.tensors.filter((t) => !t.ok).map((t) => t.name);
  }

  /** A fixed-width table, one row per input. */
  format(): string {
    return formatReport(this);
  }

  toString(): string {
    return formatReport(this);
  }
}

/**
 * A report as a fixed-width table, one row per input: elements checked, failed and at kinks,
 * max absolute and relative error, and the worst element with both gradients.
 *
 * @example
 * ```ts
 * import { checkGradients, formatReport } from "@backprop/gradcheck";
 * import { mul, sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([[1, 2], [3, 4]], { backend: "reference" });
 * const report = checkGradients({
 *   f: ({ x }) => sum(mul(x, x)),
 *   inputs: { x },
 *   analytic: { x: tensor([[2, 4], [6, 9]], { backend: "reference" }) }, // 9 should be 8
 * });
 * console.log(formatReport(report));
 * ```
 */
export function formatReport(report: Pick<GradCheckReport, "ok" | "tensors" | "tolerances">) {
  const { atol, rtol, h, kinks } = report.tolerances;
  const failing = report.tensors.filter((t) => !t.ok);
  const verdict = report.ok
    ? "PASSED"
    : `FAILED for ${failing.map((t) => `'${t.name}'`).join(", ")}`;
  const header = [
    "input",
    "shape",
    "checked",
    "failed",
    "kinks",
    "max abs err",
    "max rel err",
    "worst at",
    "analytic",
    "numerical",
  ];
  const rows = report.tensors.map((t) => [
    t.name,
    `[${t.shape.join(", ")}]`,
    String(t.checked),
    String(t.failed),
    String(t.kinks),
    t.maxAbsError.toExponential(2),
    t.maxRelError.toExponential(2),
    t.worst === null ? "-" : `[${t.worst.index.join(", ")}]`,
    t.worst === null ? "-" : number(t.worst.analytic),
    t.worst === null ? "-" : number(t.worst.numerical),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd();
  const lines = [
    `gradient check ${verdict} (|a − n| ≤ ${atol.toExponential(3)} + ${rtol.toExponential()}·max(|a|, |n|), h = ${h.toExponential()}${kinks === "off" ? ", kinks off" : ""})`,
    line(header),
    ...rows.map(line),
  ];
  for (const t of report.tensors) {
    if (t.kinks > 0) {
      lines.push(
        `'${t.name}': ${t.kinks} element(s) at a kink, not counted: flat ${list(t.kinkIndices, t.kinks)}`,
      );
    }
    if (t.failed > 1) {
      lines.push(`'${t.name}': failed elements, flat ${list(t.failedIndices, t.failed)}`);
    }
  }
  return lines.join("\n");
}

function list(indices: readonly number[], total: number): string {
  return `[${indices.join(", ")}${total > indices.length ? ", …" : ""}]`;
}

function number(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(8);
}

import { BackpropError, type BackpropErrorOptions } from "@backprop/errors";
import { formatReport, type GradCheckReport } from "./report.js";

/**
 * A gradient check failed. `report` holds the details; the message names the failing inputs and
 * carries the formatted table.
 *
 * @example
 * ```ts
 * import { assertGradients, checkGradients, GradientCheckError } from "@backprop/gradcheck";
 * import { sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, 2], { backend: "reference" });
 * const report = checkGradients({ f: ({ x }) => sum(x), inputs: { x }, analytic: { x: tensor([1, 2], { backend: "reference" }) } });
 * try {
 *   assertGradients(report);
 * } catch (e) {
 *   if (GradientCheckError.isInstance(e)) console.log(e.failing, e.report.tensors[0]?.failed); // [ 'x' ] 1
 * }
 * ```
 */
export class GradientCheckError extends BackpropError {
  static override readonly kind: string = "GradientCheckError";
  readonly report: GradCheckReport;
  /** Names of the inputs whose gradients disagree. */
  readonly failing: readonly string[];

  constructor(report: GradCheckReport, options: BackpropErrorOptions = {}) {
    const failing = report.tensors.filter((t) => !t.ok).map((t) => t.name);
    const elements = report.tensors
      .filter((t) => !t.ok)
      .map((t) => `'${t.name}' (${t.failed} of ${t.checked} elements)`);
    super(
      `Analytic and numerical gradients disagree for ${elements.join(", ")}\n${formatReport(report)}`,
      { code: "BACKPROP_GRADIENT_CHECK", cause: options.cause },
    );
    this.report = report;
    this.failing = failing;
  }
}

/**
 * Throws a {@link GradientCheckError} (message: the failing inputs and the table) unless the
 * report passed; returns the report otherwise.
 *
 * @example
 * ```ts
 * import { assertGradients, checkGradients } from "@backprop/gradcheck";
 * import { sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, 2], { backend: "reference" });
 * const report = assertGradients(checkGradients({ f: ({ x }) => sum(x), inputs: { x }, analytic: { x: tensor([1, 1], { backend: "reference" }) } }));
 * console.log(report.ok); // true
 * ```
 */
export function assertGradients(report: GradCheckReport): GradCheckReport {
  if (!report.ok) throw new GradientCheckError(report);
  return report;
}

import { BackpropError } from "@backprop/errors";
import { formatReport, type GradCheckReport } from "./report.js";

/**
 * A gradient check failed; the message holds the per-input table and `report` the details.
 *
 * @example
 * ```ts
 * import { GradientCheckError } from "@backprop/gradcheck";
 * try { /* assertGradients(report) *\/ } catch (e) {
 *   if (GradientCheckError.isInstance(e)) console.log(e.report.tensors);
 * }
 * ```
 */
export class GradientCheckError extends BackpropError {
  static override readonly kind: string = "GradientCheckError";
  readonly report: GradCheckReport;

  constructor(report: GradCheckReport) {
    const failing = report.tensors.filter((t) => t.failed > 0).map((t) => `'${t.name}'`);
    super(
      `Analytic and numerical gradients disagree for ${failing.join(", ")}\n${formatReport(report)}`,
      {
        code: "BACKPROP_GRADIENT_CHECK",
      },
    );
    this.report = report;
  }
}

/**
 * Throws a {@link GradientCheckError} (with the formatted table) unless the report passed.
 *
 * @example
 * ```ts
 * import { assertGradients, checkGradients } from "@backprop/gradcheck";
 * import { sum, tensor } from "@backprop/tensor-core";
 * const x = tensor([1, 2], { backend: "reference" });
 * assertGradients(checkGradients({ f: ({ x }) => sum(x!), inputs: { x }, analytic: { x: tensor([1, 1], { backend: "reference" }) } }));
 * ```
 */
export function assertGradients(report: GradCheckReport): void {
  if (!report.ok) throw new GradientCheckError(report);
}

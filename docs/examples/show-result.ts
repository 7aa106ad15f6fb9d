import type { ExperimentResult } from "@backprop/experiments";
import type { ExampleOutput } from "./output.js";

/** Lines that report a measured time, which differs from run to run (and Node to browser). */
const TIMING = /\d(?:\.\d+)? ?(?:ms|s)\b/;

/**
 * Prints an experiment's summary and claims (✓ holds in this run, ✗ does not) and shows its
 * plots. Lines with a measured time start with "⏱": they differ between runs.
 */
export function showResult(out: ExampleOutput, result: ExperimentResult<unknown>): boolean {
  for (const line of result.summary) out.log(TIMING.test(line) ? `⏱ ${line}` : line);
  for (const claim of result.claims) {
    const line = `${claim.holds ? "✓" : "✗"} ${claim.statement} — ${claim.evidence}`;
    out.log(TIMING.test(claim.evidence) ? `⏱ ${line}` : line);
  }
  for (const plot of result.plots) out.plot(plot.name, plot.spec);
  return result.claims.every((c) => c.holds);
}

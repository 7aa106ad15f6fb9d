import { checkGradients } from "@backprop/gradcheck";
import { relu, step, sum, tensor } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/**
 * ReLU has a kink at 0, where a central difference averages the two slopes (0.5) and no
 * analytic gradient can agree. The checker tells a kink from a bug.
 */
export async function run(out: ExampleOutput): Promise<boolean> {
  const x = tensor([-1.5, -0.25, 0, 0.5, 2], { backend: "reference" }); // one element sits on the kink
  const report = checkGradients({
    inputs: { x },
    f: ({ x }) => sum(relu(x)),
    analytic: ({ x }) => ({ x: step(x) }), // 1 where x > 0, 0 elsewhere (PyTorch's choice at 0)
  });
  const check = report.tensor("x")!;
  out.log(
    `ok: ${report.ok}; checked ${check.checked}, failed ${check.failed}, kinks ${check.kinks} at [${check.kinkIndices.join(", ")}]`,
  );
  const strict = checkGradients({
    inputs: { x },
    f: ({ x }) => sum(relu(x)),
    analytic: ({ x }) => ({ x: step(x) }),
    kinks: "off", // every disagreement counts
  });
  out.log(`with kinks: "off": ok ${strict.ok}, failed ${strict.tensor("x")!.failed}`);
  x.dispose();
  return report.ok && !strict.ok;
}

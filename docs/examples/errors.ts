import { BackpropError, InvalidOptionError, ShapeError } from "@backprop/errors";
import { Dense } from "@backprop/layers";
import { adam } from "@backprop/optimizers";
import { createRng } from "@backprop/random";
import { zeros } from "@backprop/tensor-core";
import type { ExampleOutput } from "./output.js";

/** Errors name the thing at fault; `isInstance` recognises them across installed copies. */
export async function run(out: ExampleOutput): Promise<number> {
  let caught = 0;
  const dense = new Dense(784, 10, { rng: createRng(1), backend: "reference" });
  const x = zeros([32, 785], { backend: "reference" }); // one feature too many
  try {
    dense.forward(x);
  } catch (e) {
    if (ShapeError.isInstance(e)) {
      caught++;
      out.log(e.message);
      out.log(
        `op ${e.op}, argument ${e.argument}, expected ${e.expected}, actual [${String(e.actual)}]`,
      );
    }
  } finally {
    x.dispose();
    dense.dispose();
  }
  try {
    adam({ lr: -0.001 });
  } catch (e) {
    if (InvalidOptionError.isInstance(e)) {
      caught++;
      out.log(e.message);
      out.log(`code ${e.code}; a BackpropError: ${BackpropError.isInstance(e)}`);
    }
  }
  return caught;
}

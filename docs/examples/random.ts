import { createRng, deriveRng, splitIndices } from "@backprop/random";
import type { ExampleOutput } from "./output.js";

/** Seeded streams: the same seed gives the same numbers in Node and in every browser. */
export async function run(out: ExampleOutput): Promise<string> {
  const rng = createRng(42);
  const draws = [rng.uniform(), rng.normal(), rng.integer(1, 6)];
  out.log(`uniform, normal, integer(1, 6): ${draws.join(", ")}`);
  out.log(`permutation(10): ${Array.from(rng.permutation(10)).join(" ")}`);

  // A checkpoint is plain JSON and continues the stream exactly.
  const saved = JSON.stringify(rng.state());
  const resumed = createRng(JSON.parse(saved));
  out.log(`after a JSON round trip: ${resumed.uniform() === rng.uniform()}`);

  // Independent streams for the parts of a run, and named ones that need no parent.
  const [init, dropout] = createRng(7).split(2);
  out.log(`split streams differ: ${init!.uniform() !== dropout!.uniform()}`);
  out.log(`deriveRng(42, "trial", 17).uniform() = ${deriveRng(42, "trial", 17).uniform()}`);

  // Every dataset split in backprop is this one: a seeded permutation, never "the last 20%".
  const { kept, held } = splitIndices(createRng(3), { count: 10, fraction: 0.2 });
  out.log(
    `splitIndices: kept [${Array.from(kept).join(", ")}], held out [${Array.from(held).join(", ")}]`,
  );
  return saved;
}

import { xor } from "@backprop/experiments";
import { describe, expect, it } from "vitest";
import { holdsForMost, SEEDS, wellFormed } from "./support.js";

describe("xor", () => {
  it("one layer learns AND/OR but not XOR; 2-2-1 reaches XOR loss < 0.01; 2-10-10-10-1 falls further", async () => {
    const results = [];
    for (const seed of SEEDS) results.push(await xor.run({ seed }));
    wellFormed(results[0]!);
    for (const claim of [0, 1, 2, 3]) holdsForMost(results, claim);
    for (const r of results.filter((r) => r.claims[2]!.holds))
      expect(
        (r.data.mlp as Record<string, { finalLoss: number }>)["2-2-1"]!.finalLoss,
      ).toBeLessThan(0.01);
  }, 120_000);
});

import { readFileSync } from "node:fs";
import { type AnyOptimizerOptions, createOptimizer, type Optimizer } from "@backprop/optimizers";
import { mul, scope, setDefaultBackend, sub, type Tensor, tensor } from "@backprop/tensor-core";
import { beforeAll, describe, expect, it } from "vitest";

// Fixtures: test/fixtures/make_optimizer_fixtures.py (NumPy, the published formulas).
interface Fixtures {
  a: number[];
  c: number[];
  w0: number[];
  cases: Array<{ optimizer: string; options: AnyOptimizerOptions; trajectory: number[][] }>;
  lrChange: { at: number; lr: [number, number]; torch: number[][]; book: number[][] };
}
const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/optimizers.json", import.meta.url), "utf8"),
) as Fixtures;

beforeAll(() => setDefaultBackend("reference"));

/** Runs the fixture's quadratic for as many steps as `expected` has, checking w after each. */
function follow(opt: Optimizer, expected: number[][], lrAt?: (t: number) => number): void {
  const a = tensor(fixtures.a);
  const c = tensor(fixtures.c);
  const params = new Map<string, Tensor>([["w", tensor(fixtures.w0)]]);
  expected.forEach((want, i) => {
    if (lrAt) opt.lr = lrAt(i + 1);
    const g = scope(() => mul(a, sub(params.get("w")!, c)));
    opt.step(params, new Map([["w", g]]));
    g.dispose();
    const got = Array.from(params.get("w")!.dataSync());
    got.forEach((v, j) => {
      const w = want[j]!;
      expect(Math.abs(v - w), `step ${i + 1}, element ${j}: ${v} vs ${w}`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(w)),
      );
    });
  });
}

describe("golden update sequences (float64, against NumPy)", () => {
  for (const k of fixtures.cases) {
    it(`${k.optimizer} ${JSON.stringify(k.options)}`, () => {
      follow(createOptimizer(k.optimizer, k.options), k.trajectory);
    });
  }

  it("changing lr between steps: torch and book momentum part ways exactly as the formulas say", () => {
    const { at, lr, torch, book } = fixtures.lrChange;
    const lrAt = (t: number) => (t < at ? lr[0] : lr[1]);
    follow(createOptimizer("momentum", { lr: lr[0], momentum: 0.9 }), torch, lrAt);
    follow(createOptimizer("momentum", { lr: lr[0], momentum: 0.9, form: "book" }), book, lrAt);
    expect(torch[at]).not.toEqual(book[at]);
  });
});

import { type ExperimentResult, embeddedData, type MnistData } from "@backprop/experiments";
import { initBackend } from "@backprop/tensor-core";
import { selectRows } from "@backprop/trainer";
import { expect } from "vitest";

/** The seeds every phenomenon is checked on: it must hold for at least 4 of them. */
export const SEEDS = [1, 2, 3, 4, 5] as const;

let data: Promise<MnistData> | undefined;
/** The embedded digits, loaded once per test file, with the wasm backend ready. */
export function digits(): Promise<MnistData> {
  data ??= initBackend({ backend: "wasm" }).then(() => embeddedData());
  return data;
}

/**
 * A smaller part of the embedded digits: `train` and `test` evenly spaced rows of the seeded
 * split. (The split stores its rows class by class, so the first rows would be all zeros.)
 */
export async function fewDigits(train: number, test: number): Promise<MnistData> {
  const all = await digits();
  const rows = (n: number, of: number) =>
    Int32Array.from({ length: n }, (_, i) => Math.floor((i * of) / n));
  return {
    name: all.name,
    train: selectRows(all.train, rows(train, all.train.count)),
    test: selectRows(all.test, rows(test, all.test.count)),
  };
}

/** Asserts that the claim `index` of every result holds for at least `need` of the seeds. */
export function holdsForMost(
  results: readonly ExperimentResult<unknown>[],
  index: number,
  need = 4,
): void {
  const outcomes = results.map((r) => r.claims[index]!);
  const held = outcomes.filter((c) => c.holds).length;
  expect(
    held,
    `${outcomes[0]!.statement}\n${outcomes.map((c, i) => `seed ${SEEDS[i]}: ${c.holds} — ${c.evidence}`).join("\n")}`,
  ).toBeGreaterThanOrEqual(need);
}

/** Every result is plain JSON, and every plot a Vega-Lite spec with a title and data. */
export function wellFormed(result: ExperimentResult<unknown>): void {
  expect(JSON.parse(JSON.stringify(result.data))).toEqual(result.data);
  expect(result.claims.length).toBeGreaterThan(0);
  for (const plot of result.plots) {
    expect(plot.spec.$schema, plot.name).toMatch(/vega-lite\/v5/);
    expect(plot.spec.title, plot.name).toBeDefined();
    expect(JSON.stringify(plot.spec), plot.name).not.toMatch(/null,null|NaN|Infinity/);
  }
}

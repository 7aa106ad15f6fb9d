import { expect } from "vitest";

/** A line that reports a measured time (examples/show-result.ts marks them): not compared. */
export const isTiming = (line: string): boolean => line.startsWith("⏱");

/** The lines a run of an example must print the same in Node and in the browser. */
export const comparable = (lines: readonly string[]): string[] => lines.filter((l) => !isTiming(l));

/**
 * Examples whose printed float64 results go through Math.exp, log, sin or cos on the reference
 * backend. V8 in Node 20 and in current Chromium round some of those differently in the last bit
 * (measured: about 1 in 10 values of exp and log), which shows in gradient errors of 1e-11 (pure
 * rounding noise) and, over 10 000 SGD steps, in the step at which a loss crosses a threshold.
 * Their lines must match word for word, with numbers equal, both below 1e-8, or within 0.1%.
 * Every other example — the wasm backend's float32 results, integer random streams, float64
 * arithmetic — must print exactly the same lines.
 */
export const FLOAT64_TRANSCENDENTAL: ReadonlySet<string> = new Set([
  "gradient-check",
  "numerical-vs-backprop",
  "xor",
]);

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

/** Two lines equal up to float64 rounding noise (see {@link FLOAT64_TRANSCENDENTAL}). */
export function nearlySameLine(a: string, b: string): boolean {
  const words = (line: string) => line.replace(NUMBER, "#").replace(/\s+/g, " ");
  if (words(a) !== words(b)) return false;
  const x = a.match(NUMBER) ?? [];
  const y = b.match(NUMBER) ?? [];
  return x.every((text, i) => {
    const [u, v] = [Number(text), Number(y[i])];
    if (text === y[i] || (Math.abs(u) < 1e-8 && Math.abs(v) < 1e-8)) return true;
    return Math.abs(u - v) <= 1e-3 * Math.max(Math.abs(u), Math.abs(v));
  });
}

/** Asserts that the browser printed what Node printed (see {@link FLOAT64_TRANSCENDENTAL}). */
export function expectSameOutput(
  name: string,
  browser: readonly string[],
  node: readonly string[],
) {
  const [a, b] = [comparable(browser), comparable(node)];
  if (!FLOAT64_TRANSCENDENTAL.has(name)) {
    expect(a).toEqual(b);
    return;
  }
  expect(a.length).toBe(b.length);
  for (const [i, line] of a.entries())
    expect(nearlySameLine(line, b[i]!), `browser: ${line}\nnode:    ${b[i]}`).toBe(true);
}

/** Every claim line of an experiment (✓ / ✗, timing lines aside) holds, and there is one. */
function claimsHold(lines: readonly string[]): void {
  const claims = comparable(lines).filter((l) => l.startsWith("✓") || l.startsWith("✗"));
  expect(claims.length).toBeGreaterThan(0);
  expect(claims.filter((l) => l.startsWith("✗"))).toEqual([]);
}

/** The number after `label` in `line` (e.g. "test accuracy 0.9185"). */
function numberAfter(line: string | undefined, label: string): number {
  const match = new RegExp(`${label} (-?[\\d.]+(?:e[-+]?\\d+)?)`).exec(line ?? "");
  expect(match, `'${label} <number>' in: ${line}`).not.toBeNull();
  return Number(match![1]);
}

/**
 * What each example must print, wherever it runs. Every example in docs/examples has an entry
 * (test/examples.test.ts checks), and the browser run of it is held to the same.
 */
export const EXPECTATIONS: Readonly<Record<string, (lines: readonly string[]) => void>> = {
  "train-mlp": (lines) => {
    expect(lines).toHaveLength(3);
    expect(numberAfter(lines.at(-1), "test accuracy")).toBeGreaterThan(0.88);
  },
  "gradient-check": (lines) => {
    expect(lines[0]).toMatch(/^gradient check PASSED/);
    expect(lines.slice(2).map((l) => l.split(/\s+/)[0])).toEqual([
      "affine1.weight",
      "affine1.bias",
      "affine2.weight",
      "affine2.bias",
    ]);
  },
  "broken-backward": (lines) => {
    expect(lines[0]).toMatch(/^broken backward: FAILED/);
    expect(lines).toContain('shrunk counterexample: {"shape":[1],"values":[0]}');
    expect(lines.some((l) => l.startsWith("gradient check FAILED for 'x'"))).toBe(true);
    expect(lines.at(-1)).toBe("correct backward: passed 100 cases");
  },
  kinks: (lines) => {
    expect(lines).toEqual([
      "ok: true; checked 5, failed 0, kinks 1 at [2]",
      'with kinks: "off": ok false, failed 1',
    ]);
  },
  errors: (lines) => {
    expect(lines[0]).toBe(
      "Argument 'x' passed to 'dense.forward' must have shape [*, 784]; got [32, 785]",
    );
    expect(lines[2]).toMatch(/^Option 'lr' of '.+' must be .+; got -0.001$/);
    expect(lines[3]).toContain("a BackpropError: true");
  },
  random: (lines) => {
    expect(lines[0]).toMatch(/^uniform, normal, integer\(1, 6\): 0\.045860194863267756, /);
    expect(lines.filter((l) => l.endsWith(": true"))).toHaveLength(2);
  },
  "tensor-core": (lines) => {
    // The single-threaded SIMD binary, in Node and in a page that is not cross-origin isolated.
    expect(lines[0]).toBe(
      "backend wasm (float32), SIMD true, tfjs-backend-wasm-simd.wasm, matMul backprop-simd",
    );
    expect(numberAfter(lines[3], "largest difference:")).toBeLessThan(1e-6);
    expect(lines.at(-1)).toBe("nothing leaked: true");
  },
  init: (lines) => {
    for (const line of lines.slice(0, 4)) {
      const std = numberAfter(line, "std");
      const theory = numberAfter(line, "theory");
      expect(Math.abs(std / theory - 1)).toBeLessThan(0.03);
    }
  },
  layers: (lines) => {
    expect(lines).toContain(
      "accuracy 1; parameters: affine1.weight, affine1.bias, affine2.weight, affine2.bias",
    );
    expect(lines.at(-1)).toMatch(/the loaded copy predicts the same: true$/);
  },
  optimizers: (lines) => {
    expect(lines[1]).toBe("resumed after 50 from the saved state: identical true");
    const w = /w = \[(.*)\]/.exec(lines[0]!)![1]!.split(", ").map(Number);
    for (const v of w) expect(Math.abs(v - 3)).toBeLessThan(0.05);
  },
  "data-mnist": (lines) => {
    expect(lines[0]).toBe("train 8000, test 2000 (stratified split, seed 20160101)");
    expect(lines[2]).toBe("split: 6401 to train on, 1599 to validate");
  },
  trainer: (lines) => {
    expect(lines).toContain(
      "a checkpoint after epoch 2; resumed weights identical to 4 straight epochs: true",
    );
    expect(numberAfter(lines[3], "validation accuracy")).toBeGreaterThan(0.75);
    expect(lines.at(-1)).toMatch(/^early stopping after \d+ of 30 epochs/);
  },
  experiments: (lines) => {
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines[0]).toMatch(/^gradient-descent /);
  },
  losses: (lines) => {
    expect(lines).toEqual([
      "0.6 on class 2: MSE 0.0975, cross-entropy 0.5108",
      "0.6 on class 7: MSE 0.5975, cross-entropy 2.3026",
    ]);
  },
  "gradient-descent": claimsHold,
  "numerical-vs-backprop": (lines) => {
    // The speed claim depends on the machine's load; agreement does not.
    expect(comparable(lines).filter((l) => l.startsWith("✗"))).toEqual([]);
    expect(lines.some((l) => l.startsWith("✓ The backprop gradient agrees"))).toBe(true);
  },
  "two-layer-net": claimsHold,
  "optimizer-paths": claimsHold,
  "init-histograms": claimsHold,
  "optimizers-mnist": claimsHold,
  batchnorm: claimsHold,
  "weight-decay": claimsHold,
  xor: claimsHold,
  "softmax-regression": claimsHold,
  "batchnorm-exercise": claimsHold,
  "hpo-study": (lines) => {
    expect(lines[0]).toMatch(/^trials 40: \d+ complete, [1-9]\d* pruned$/);
    expect(numberAfter(lines[1], "best value")).toBeGreaterThan(0.93);
  },
  "hpo-book-search": (lines) => {
    expect(lines.filter((l) => l.startsWith("stage "))).toHaveLength(2);
    expect(numberAfter(lines.at(-1), "test accuracy")).toBeGreaterThan(0.2);
    expect(lines.at(-1)).toMatch(/\(scored once\)$/);
  },
  "hpo-journal": (lines) => {
    expect(lines[0]).toMatch(/^wrote 30 trials to chapter-6\.jsonl; best value 0\.89/);
    expect(lines[1]).toBe("reopened: 30 trials, the same best trial: true");
  },
  "hpo-workers": (lines) => {
    expect(lines[0]).toMatch(
      /^6 trials \(completed\) in 2 worker processes; the study has 6 more$/,
    );
    expect(lines[1]).toMatch(/^states: (COMPLETE|COMPLETE, PRUNED|PRUNED)$/);
  },
  "cli-report": (lines) => {
    expect(lines).toEqual([
      "loss plot: SVG 1078×668, PNG rendered",
      "wrote loss.svg loss.png accuracy.svg accuracy.png report.html",
    ]);
  },
};

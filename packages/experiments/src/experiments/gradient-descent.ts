import { countOf, runContext } from "../context.js";
import { lineChart } from "../plots/line-chart.js";
import { pathsOnContours } from "../plots/paths-on-contours.js";
import type { Experiment, ExperimentResult } from "../types.js";

/**
 * Settings of {@link gradientDescent}.
 *
 * @example
 * ```ts
 * import { gradientDescent, type GradientDescentSettings } from "@backprop/experiments";
 * const settings: GradientDescentSettings = gradientDescent.quick;
 * console.log(settings.start, settings.learningRates); // [ -3, 4 ] [ 0.1, 10, 1e-10 ]
 * ```
 */
export interface GradientDescentSettings {
  /** The start point (the book: (−3, 4)). */
  readonly start: readonly [number, number];
  /** Learning rates to compare (the book: 0.1, and 10 and 1e-10 as too large and too small). */
  readonly learningRates: readonly number[];
  readonly steps: number;
  /** Step of the central difference (the book: 1e-4). */
  readonly h: number;
}

/** `f(x0, x1) = x0² + x1²`, the book's function_2. */
const f = (x: readonly number[]) => x[0]! ** 2 + x[1]! ** 2;

/**
 * The book's numerical_gradient: a central difference in every coordinate.
 *
 * @example
 * ```ts
 * import { numericalGradient } from "@backprop/experiments";
 * const g = numericalGradient((x) => x[0]! ** 2 + x[1]! ** 2, [3, 4], 1e-4);
 * console.log(g.map((v) => v.toFixed(6))); // [ '6.000000', '8.000000' ]
 * ```
 */
export function numericalGradient(
  fn: (x: number[]) => number,
  x: readonly number[],
  h: number,
): number[] {
  return x.map((_, i) => {
    const plus = [...x];
    const minus = [...x];
    plus[i]! += h;
    minus[i]! -= h;
    return (fn(plus) - fn(minus)) / (2 * h);
  });
}

/**
 * Chapter 4: the numerical gradient of `x0² + x1²` and gradient descent on it from (−3, 4), with
 * a good, a too-large and a too-small learning rate.
 *
 * @example
 * ```ts
 * import { gradientDescent } from "@backprop/experiments";
 * const result = await gradientDescent.run();
 * console.log(result.claims.every((c) => c.holds)); // true
 * ```
 */
export const gradientDescent: Experiment<GradientDescentSettings> = {
  name: "gradient-descent",
  title: "Gradient descent on x0² + x1²",
  source: "ch4",
  description:
    "Numerical gradient by central differences and gradient descent from (−3, 4): lr 0.1 reaches the minimum, lr 10 diverges, lr 1e-10 hardly moves.",
  usesData: false,
  quick: { start: [-3, 4], learningRates: [0.1, 10, 1e-10], steps: 100, h: 1e-4 },
  full: { start: [-3, 4], learningRates: [0.1, 10, 1e-10], steps: 100, h: 1e-4 },
  async run(options = {}): Promise<ExperimentResult<GradientDescentSettings>> {
    const ctx = runContext(this, options);
    const { start, learningRates, steps, h } = ctx.settings;
    const runs = learningRates.map((lr) => {
      const path = [[...start]];
      let x = [...start];
      for (let i = 0; i < steps; i++) {
        const g = numericalGradient(f, x, h);
        x = x.map((v, j) => v - lr * g[j]!);
        path.push(x);
      }
      return { lr, path, final: x, value: f(x) };
    });
    const gradientAt = numericalGradient(f, [3, 4], h);
    const distance = (a: readonly number[], b: readonly number[]) =>
      Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
    const good = runs.find((r) => r.lr === 0.1);
    const large = runs.filter((r) => r.lr >= 1);
    const small = runs.filter((r) => r.lr < 1e-6);
    const claims = [
      {
        statement: "The numerical gradient of x0² + x1² at (3, 4) is (6, 8)",
        holds: Math.abs(gradientAt[0]! - 6) < 1e-6 && Math.abs(gradientAt[1]! - 8) < 1e-6,
        evidence: `(${gradientAt.map((v) => v.toPrecision(10)).join(", ")})`,
      },
      ...(good === undefined
        ? []
        : [
            {
              statement: `Gradient descent with lr 0.1 reaches the minimum (0, 0) in ${steps} steps`,
              holds: distance(good.final, [0, 0]) < 1e-6,
              evidence: `ends at (${good.final.map((v) => v.toExponential(2)).join(", ")})`,
            },
          ]),
      ...(large.length === 0
        ? []
        : [
            {
              statement: "A learning rate that is too large (10) diverges",
              holds: large.every((r) => distance(r.final, [0, 0]) > 1e6),
              evidence: `${countOf(large.map((r) => distance(r.final, [0, 0]) > 1e6))} large rates end farther than 1e6 from the minimum (${large.map((r) => `lr ${r.lr}: (${r.final.map((v) => v.toExponential(2)).join(", ")})`).join("; ")})`,
            },
          ]),
      ...(small.length === 0
        ? []
        : [
            {
              statement: "A learning rate that is too small (1e-10) barely moves",
              holds: small.every((r) => distance(r.final, start) < 1e-6),
              evidence: small
                .map((r) => `lr ${r.lr}: moved ${distance(r.final, start).toExponential(2)}`)
                .join("; "),
            },
          ]),
    ];
    const trajectory = pathsOnContours({
      title: "Gradient descent from (−3, 4), lr 0.1",
      subtitle: "contours of x0² + x1² (f = 1, 4, 9, 16, 25); a dot per step",
      x: { title: "x0", domain: [-4, 4] },
      y: { title: "x1", domain: [-4.5, 4.5] },
      width: 360,
      height: 400,
      contours: [1, 2, 3, 4, 5].map((r) => ({
        name: `f = ${r * r}`,
        points: Array.from({ length: 73 }, (_, i) => ({
          x: r * Math.cos((i * Math.PI) / 36),
          y: r * Math.sin((i * Math.PI) / 36),
        })),
      })),
      paths: [
        {
          name: "lr 0.1",
          points: (good?.path ?? []).slice(0, 40).map(([x, y]) => ({ x: x!, y: y! })),
        },
      ],
    });
    const values = lineChart({
      title: "f(x) per step for each learning rate",
      x: { title: "step" },
      y: { title: "x0² + x1²", scale: "log" },
      legend: "learning rate",
      points: false,
      series: runs.map((r) => ({
        name: `lr ${r.lr}`,
        points: r.path.map((p, i) => ({ x: i, y: f(p) })),
      })),
    });
    return ctx.result({
      dataset: null,
      data: {
        gradientAt3_4: gradientAt,
        runs: runs.map(({ lr, final, value, path }) => ({ lr, final, value, path })),
      },
      plots: [
        { name: "trajectory", title: "Gradient descent from (−3, 4)", spec: trajectory },
        { name: "values", title: "f(x) per step", spec: values },
      ],
      claims,
      summary: runs.map(
        (r) =>
          `lr ${r.lr}: ends at (${r.final.map((v) => v.toPrecision(6)).join(", ")}), f = ${r.value.toPrecision(6)}`,
      ),
    });
  },
};

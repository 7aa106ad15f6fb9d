import { AdaGrad, Adam, Momentum, type Optimizer, SGD } from "@backprop/optimizers";
import { dispose, type Tensor, tensor } from "@backprop/tensor-core";
import { runContext } from "../context.js";
import { lineChart } from "../plots/line-chart.js";
import { pathsOnContoursGrid } from "../plots/paths-on-contours-grid.js";
import type { Experiment, ExperimentResult } from "../types.js";

/** The four update rules of the comparison, in the book's order. */
type Method = "SGD" | "Momentum" | "AdaGrad" | "Adam";

const METHODS: readonly Method[] = ["SGD", "Momentum", "AdaGrad", "Adam"];

/**
 * Settings of {@link optimizers2d}.
 *
 * @example
 * ```ts
 * import { type Optimizers2dSettings, optimizers2d } from "@backprop/experiments";
 * const settings: Optimizers2dSettings = { ...optimizers2d.full, steps: 100 };
 * console.log(settings.lr.AdaGrad); // 1.5
 * ```
 */
export interface Optimizers2dSettings {
  /** The start point (the book: (−7, 2)). */
  readonly start: readonly [number, number];
  /** Updates per optimizer (the book: 30). */
  readonly steps: number;
  /** Learning rate of each (the book's optimizer_compare_naive.py: 0.95, 0.1, 1.5, 0.3). */
  readonly lr: Readonly<Record<Method, number>>;
}

/** The book's f(x, y) = x²/20 + y², an elongated bowl (anisotropic: y is 20× steeper in curvature). */
const f = (x: number, y: number) => x ** 2 / 20 + y ** 2;

/** The book's optimizers with its conventions: Momentum α 0.9 in the book's form, ε 1e-7 in AdaGrad and Adam. */
function makeOptimizer(method: Method, lr: number): Optimizer {
  switch (method) {
    case "SGD":
      return new SGD({ lr });
    case "Momentum":
      return new Momentum({ lr, momentum: 0.9, form: "book" });
    case "AdaGrad":
      return new AdaGrad({ lr, preset: "book" });
    case "Adam":
      return new Adam({ lr, preset: "book" });
  }
}

/** Runs one optimizer on scalar tensors `x`, `y` (float64, reference backend); returns every iterate. */
function descend(optimizer: Optimizer, start: readonly [number, number], steps: number) {
  const backend = "reference" as const;
  const scalar = (v: number) => tensor([v], { backend });
  const params = new Map<string, Tensor>([
    ["x", scalar(start[0])],
    ["y", scalar(start[1])],
  ]);
  const path: Array<[number, number]> = [[start[0], start[1]]];
  try {
    for (let i = 0; i < steps; i++) {
      const [x, y] = path.at(-1)!;
      // The book's df: ∂f/∂x = x/10, ∂f/∂y = 2y.
      const grads = new Map([
        ["x", scalar(x / 10)],
        ["y", scalar(2 * y)],
      ]);
      optimizer.step(params, grads);
      dispose([...grads.values()]);
      path.push([params.get("x")!.item(), params.get("y")!.item()]);
    }
  } finally {
    dispose([...params.values()]);
    optimizer.dispose();
  }
  return path;
}

/** How often the y-coordinate changes sign along a path (the zig-zag). */
function signChanges(path: ReadonlyArray<readonly [number, number]>): number {
  let n = 0;
  for (let i = 1; i < path.length; i++) if (path[i]![1] * path[i - 1]![1] < 0) n++;
  return n;
}

/** Total up-and-down travel: Σ|Δy| along a path. */
function yTravel(path: ReadonlyArray<readonly [number, number]>): number {
  let s = 0;
  for (let i = 1; i < path.length; i++) s += Math.abs(path[i]![1] - path[i - 1]![1]);
  return s;
}

const fmt = (v: number) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(3));

/**
 * Chapter 6.1: SGD, Momentum, AdaGrad and Adam on the book's elongated bowl
 * `f(x, y) = x²/20 + y²` from (−7, 2), 30 updates each with the book's learning rates — the real
 * optimizers of `@backprop/optimizers` stepping two scalar tensors, with the gradient
 * `(x/10, 2y)`. SGD zig-zags across the valley; Momentum rolls along it; AdaGrad damps the
 * y-steps; Adam rolls with less sway.
 *
 * @example
 * ```ts
 * import { optimizers2d } from "@backprop/experiments";
 * const result = await optimizers2d.run();
 * console.log(result.claims[0]?.holds); // true
 * ```
 */
export const optimizers2d: Experiment<Optimizers2dSettings> = {
  name: "optimizers-2d",
  title: "SGD, Momentum, AdaGrad and Adam on x²/20 + y²",
  source: "ch6",
  description:
    "The four update rules from (−7, 2) on the elongated bowl x²/20 + y², 30 steps with the book's learning rates: SGD zig-zags, the others move more directly.",
  usesData: false,
  quick: {
    start: [-7, 2],
    steps: 30,
    lr: { SGD: 0.95, Momentum: 0.1, AdaGrad: 1.5, Adam: 0.3 },
  },
  full: {
    start: [-7, 2],
    steps: 30,
    lr: { SGD: 0.95, Momentum: 0.1, AdaGrad: 1.5, Adam: 0.3 },
  },
  async run(options = {}): Promise<ExperimentResult<Optimizers2dSettings>> {
    const ctx = runContext(this, options);
    const { start, steps, lr } = ctx.settings;
    const runs = METHODS.map((method) => {
      ctx.progress(`${method} (lr ${lr[method]})`);
      const path = descend(makeOptimizer(method, lr[method]), start, steps);
      const [x, y] = path.at(-1)!;
      return {
        method,
        lr: lr[method],
        path,
        final: [x, y] as [number, number],
        value: f(x, y),
        distance: Math.hypot(x, y),
        ySignChanges: signChanges(path),
        yTravel: yTravel(path),
      };
    });
    const by = Object.fromEntries(runs.map((r) => [r.method, r])) as Record<
      Method,
      (typeof runs)[number]
    >;
    const { SGD: sgd, Momentum: mom, AdaGrad: ada, Adam: adam } = by;
    const xSteps = mom.path.slice(1).map((p, i) => Math.abs(p[0] - mom.path[i]![0]));
    const firstX = xSteps[0] ?? 0;
    const fastestX = Math.max(0, ...xSteps);
    const ySteps = ada.path.slice(1).map((p, i) => Math.abs(p[1] - ada.path[i]![1]));
    const firstY = ySteps[0] ?? 0;
    const lateY = Math.max(0, ...ySteps.slice(5));
    const best = runs.reduce((a, b) => (b.value < a.value ? b : a));
    const values = runs.map((r) => `${r.method} ${fmt(r.value)}`).join(", ");
    const claims = [
      {
        statement:
          "SGD zig-zags: on this anisotropic function its path across the valley is inefficient",
        holds: sgd.ySignChanges >= steps / 2,
        evidence: `y changes sign in ${sgd.ySignChanges} of ${steps} SGD steps; it travels ${sgd.yTravel.toFixed(1)} up and down for a start ${Math.abs(start[1])} off the valley floor`,
      },
      {
        statement:
          "Momentum zig-zags less than SGD: the small x-force always points the same way, so it speeds up along x",
        holds: mom.ySignChanges < sgd.ySignChanges && fastestX > 3 * firstX,
        evidence: `y changes sign ${mom.ySignChanges} times (SGD ${sgd.ySignChanges}); its x-step grows from ${fmt(firstX)} to ${fmt(fastestX)}`,
      },
      {
        statement:
          "AdaGrad moves far in y at first, then its y-steps shrink fast and the zig-zag dies out",
        holds: ada.ySignChanges < sgd.ySignChanges && lateY < 0.1 * firstY,
        evidence: `first y-step ${fmt(firstY)}, largest after step 5 ${fmt(lateY)}; y changes sign ${ada.ySignChanges} times`,
      },
      {
        statement: "Adam rolls like Momentum but sways less from side to side",
        holds: adam.yTravel < mom.yTravel && adam.ySignChanges <= mom.ySignChanges,
        evidence: `up-and-down travel Σ|Δy| ${adam.yTravel.toFixed(2)} vs ${mom.yTravel.toFixed(2)} for Momentum; sign changes ${adam.ySignChanges} vs ${mom.ySignChanges}`,
      },
      {
        statement:
          "In this figure AdaGrad looks best (the notes add: which method is best depends on the problem)",
        holds: best.method === "AdaGrad",
        evidence: `f after ${steps} steps: ${values}`,
      },
    ];
    const levels = [0.25, 1, 2.5, 5, 8];
    const contours = levels.map((c) => ({
      name: `f = ${c}`,
      points: Array.from({ length: 121 }, (_, i) => ({
        x: Math.sqrt(20 * c) * Math.cos((i * Math.PI) / 60),
        y: Math.sqrt(c) * Math.sin((i * Math.PI) / 60),
      })),
    }));
    const asSeries = (r: (typeof runs)[number]) => ({
      name: r.method,
      points: r.path.map(([x, y]) => ({ x, y })),
    });
    const grid = pathsOnContoursGrid({
      title: `Four update rules on f(x, y) = x²/20 + y² from (${start.join(", ")}), ${steps} steps`,
      subtitle: `grey: contours f = ${levels.join(", ")}; a dot per iterate; + the minimum (0, 0)`,
      columns: 2,
      x: { title: "x", domain: [-8, 8] },
      y: { title: "y", domain: [-3, 3] },
      width: 320,
      height: 170,
      contours,
      marker: { x: 0, y: 0 },
      panels: runs.map((r) => ({
        title: `${r.method} (lr ${r.lr}): f = ${fmt(r.value)} after ${steps} steps`,
        paths: [asSeries(r)],
      })),
    });
    const valuesPlot = lineChart({
      title: "f(x, y) per step for each update rule",
      subtitle: `from (${start.join(", ")}); f there is ${fmt(f(start[0], start[1]))}`,
      x: { title: "step" },
      y: { title: "f(x, y) = x²/20 + y²", scale: "log" },
      legend: "optimizer",
      series: runs.map((r) => ({
        name: `${r.method} (lr ${r.lr})`,
        points: r.path.map(([x, y], i) => ({ x: i, y: f(x, y) })),
      })),
    });
    return ctx.result({
      dataset: null,
      data: {
        runs: runs.map((r) => ({
          method: r.method,
          lr: r.lr,
          final: r.final,
          value: r.value,
          distance: r.distance,
          ySignChanges: r.ySignChanges,
          yTravel: r.yTravel,
          path: r.path,
        })),
      },
      plots: [
        { name: "paths", title: "Paths of the four update rules", spec: grid },
        { name: "values", title: "f(x, y) per step", spec: valuesPlot },
      ],
      claims,
      summary: runs.map(
        (r) =>
          `${r.method.padEnd(8)} lr ${String(r.lr).padEnd(4)} ends at (${r.final.map((v) => v.toFixed(4)).join(", ")}), f = ${fmt(r.value)}, y changes sign ${r.ySignChanges}×`,
      ),
    });
  },
};

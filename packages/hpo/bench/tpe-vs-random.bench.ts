// TPE against random search on standard synthetic functions, at the same trial budget: the
// median (over seeds) of the best value each finds, as the regret above the known minimum.
// Target: TPE's median regret below random search's on every function. Prints a table and
// writes JSON; `--quick` uses fewer seeds.
import { fileURLToPath } from "node:url";
import {
  createStudy,
  nopPruner,
  type Objective,
  randomSampler,
  type Sampler,
  tpeSampler,
} from "@backprop/hpo";
import { formatTable, quickMode, reportTargets, writeResults } from "@backprop-tools/bench-harness";

interface Problem {
  readonly name: string;
  readonly dims: number;
  /** The known global minimum. */
  readonly minimum: number;
  readonly objective: Objective;
}

const xs = (t: Parameters<Objective>[0], n: number, low: number, high: number) =>
  Array.from({ length: n }, (_, i) => t.suggestFloat(`x${i}`, low, high));

const PROBLEMS: readonly Problem[] = [
  {
    name: "sphere",
    dims: 4,
    minimum: 0,
    objective: (t) => xs(t, 4, -5.12, 5.12).reduce((s, x) => s + x * x, 0),
  },
  {
    name: "Rosenbrock",
    dims: 2,
    minimum: 0,
    objective: (t) => {
      const [x, y] = xs(t, 2, -2.048, 2.048) as [number, number];
      return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    },
  },
  {
    name: "Branin",
    dims: 2,
    minimum: 0.397887,
    objective: (t) => {
      const x = t.suggestFloat("x0", -5, 10);
      const y = t.suggestFloat("x1", 0, 15);
      const b = 5.1 / (4 * Math.PI ** 2);
      const c = 5 / Math.PI;
      return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
    },
  },
  {
    name: "Styblinski-Tang",
    dims: 3,
    minimum: -39.16617 * 3,
    objective: (t) => xs(t, 3, -5, 5).reduce((s, x) => s + (x ** 4 - 16 * x * x + 5 * x) / 2, 0),
  },
  {
    // The book's search: log-uniform learning rate and weight decay, a bowl in log space.
    name: "log-scale bowl (lr, wd)",
    dims: 2,
    minimum: 0,
    objective: (t) => {
      const lr = t.suggestFloat("lr", 1e-6, 1e-2, { log: true });
      const wd = t.suggestFloat("weight_decay", 1e-8, 1e-4, { log: true });
      return (Math.log10(lr) + 3.3) ** 2 + 0.3 * (Math.log10(wd) + 6.2) ** 2;
    },
  },
];

function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

async function bestValue(
  problem: Problem,
  sampler: Sampler,
  seed: number,
  budget: number,
): Promise<number> {
  const study = await createStudy({
    studyName: problem.name,
    direction: "minimize",
    seed,
    sampler,
    pruner: nopPruner(),
  });
  await study.optimize(problem.objective, { nTrials: budget });
  return study.bestValue;
}

export async function benchTpeVsRandom(quick = quickMode()) {
  const budget = 100;
  const seeds = Array.from({ length: quick ? 5 : 21 }, (_, i) => i + 1);
  const rows: Array<Array<string | number>> = [];
  const results: Record<string, unknown>[] = [];
  const checks = [];
  for (const problem of PROBLEMS) {
    const regret = { random: [] as number[], tpe: [] as number[] };
    const started = performance.now();
    for (const seed of seeds) {
      regret.random.push(
        (await bestValue(problem, randomSampler(), seed, budget)) - problem.minimum,
      );
      regret.tpe.push((await bestValue(problem, tpeSampler(), seed, budget)) - problem.minimum);
    }
    const seconds = (performance.now() - started) / 1000;
    const wins = seeds.filter((_, i) => regret.tpe[i]! < regret.random[i]!).length;
    const random = median(regret.random);
    const tpe = median(regret.tpe);
    rows.push([
      problem.name,
      String(problem.dims),
      String(budget),
      random,
      tpe,
      random / tpe,
      `${wins}/${seeds.length}`,
    ]);
    results.push({
      problem: problem.name,
      dims: problem.dims,
      budget,
      seeds,
      minimum: problem.minimum,
      regret,
      seconds,
    });
    checks.push({
      target: `${problem.name}: TPE's median regret below random search's`,
      pass: tpe < random,
      detail: `${tpe.toPrecision(3)} vs ${random.toPrecision(3)} (TPE better on ${wins} of ${seeds.length} seeds)`,
    });
  }
  console.log(
    `\nBest value found in ${budget} trials, as regret above the minimum (median over ${seeds.length} seeds)\n`,
  );
  console.log(
    formatTable(["function", "dims", "trials", "random", "TPE", "random / TPE", "TPE wins"], rows),
  );
  console.log();
  const ok = reportTargets(checks);
  const path = writeResults(fileURLToPath(new URL("..", import.meta.url)), "tpe-vs-random", {
    budget,
    seeds: seeds.length,
    results,
  });
  console.log(`\nwrote ${path}`);
  return ok;
}

const ok = await benchTpeVsRandom();
if (!quickMode()) process.exitCode = ok ? 0 : 1;

import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InvalidOptionError } from "@backprop/errors";
import { bookSearchTest } from "@backprop/experiments";
import {
  createStudy,
  gridSampler,
  type JsonValue,
  medianPruner,
  type NarrowingStage,
  narrowingSearch,
  nopPruner,
  type OptimizeProgress,
  type Pruner,
  randomSampler,
  type Sampler,
  type StudyDirection,
  successiveHalvingPruner,
  tpeSampler,
} from "@backprop/hpo";
import { writeFileAtomic } from "@backprop/layers/node";
import { initBackend } from "@backprop/tensor-core";
import { Command, Option } from "commander";
import { type CliIo, humanOut } from "../../cli-io.js";
import { integer, number } from "../../options/values.js";
import { writeReport } from "../../report/write-report.js";
import { loadTrainTest } from "../data.js";
import { DATASETS, type DatasetChoice } from "../train/settings.js";
import {
  bookArgs,
  bookPreset,
  moduleObjective,
  PRESETS,
  SEARCH_KEY,
  type SearchObjective,
} from "./search-objective.js";
import { searchProgress } from "./search-progress.js";
import { searchPlots } from "./search-report.js";

/** The parsed options of `backprop search`. */
export interface SearchFlags {
  readonly preset?: (typeof PRESETS)[number];
  readonly objective?: string;
  readonly direction: StudyDirection;
  readonly storage?: string;
  readonly study?: string;
  readonly workers: number;
  readonly trials: number;
  readonly timeout?: number;
  readonly seed: number;
  readonly sampler: "tpe" | "random" | "grid";
  readonly pruner: "median" | "asha" | "none";
  readonly narrow: number;
  readonly topK: number;
  readonly full: boolean;
  readonly epochs?: number;
  readonly data: DatasetChoice;
  readonly dataDir?: string;
  readonly heartbeat: number;
  readonly out?: string;
  readonly json: boolean;
  readonly progress: boolean;
}

/** The sampler a `--sampler` name means. */
export function samplerOf(name: SearchFlags["sampler"]): Sampler {
  return name === "random" ? randomSampler() : name === "grid" ? gridSampler() : tpeSampler();
}

/** The pruner a `--pruner` name means (median: Optuna's defaults plus two warm-up epochs). */
export function prunerOf(name: SearchFlags["pruner"]): Pruner {
  if (name === "none") return nopPruner();
  if (name === "asha") return successiveHalvingPruner();
  return medianPruner({ nStartupTrials: 5, nWarmupSteps: 2 });
}

/** `backprop search`: a study with N local worker processes, its report and its best values. */
export function searchProgram(io: CliIo, done: (code: number) => void): Command {
  return new Command("search")
    .description(
      "hyperparameter search (a study of @backprop/hpo) with local worker processes: the book's chapter-6 search (--preset book) or your objective module; report with history, best-20 curves, parallel coordinates, slices and narrowed ranges",
    )
    .addOption(
      new Option("--preset <name>", "a built-in objective (book: chapter 6's search)").choices(
        PRESETS,
      ),
    )
    .option(
      "--objective <module>",
      "an ES module whose default export is the async objective (or that exports createObjective(args)); export `space` for --narrow",
    )
    .addOption(
      new Option("--direction <dir>", "for --objective: minimize or maximize")
        .choices(["minimize", "maximize"])
        .default("minimize"),
    )
    .option(
      "--storage <url>",
      "journal:<file> or postgres://user@host:port/db (default journal:<out>/study.jsonl)",
    )
    .option("--study <name>", "the study's name (default: the preset's name, or 'search')")
    .option("--workers <n>", "local worker processes", integer(1), 1)
    .option("--trials <n>", "trials (per stage with --narrow)", integer(1), 100)
    .option("--timeout <seconds>", "start no trial after this many seconds", number())
    .option("--seed <n>", "the study seed (and the preset's data split)", integer(0), 0)
    .addOption(
      new Option("--sampler <name>", "the sampler")
        .choices(["tpe", "random", "grid"])
        .default("tpe"),
    )
    .addOption(
      new Option("--pruner <name>", "the pruner (asha: successive halving)")
        .choices(["median", "asha", "none"])
        .default("median"),
    )
    .option(
      "--narrow <stages>",
      "automatic narrowing: this many stages, each from the previous stage's top-k",
      integer(1),
      1,
    )
    .option(
      "--top-k <k>",
      "trials behind each narrowed range and the best-curves figure",
      integer(1),
      20,
    )
    .option("--full", "the preset's full settings (the book's 50 epochs per trial)", false)
    .option("--epochs <n>", "the preset's epochs per trial (quick default 10, full 50)", integer(1))
    .addOption(
      new Option("--data <name>", "data for the preset").choices(DATASETS).default("mnist-sample"),
    )
    .option("--data-dir <dir>", "a directory with the dataset's IDX files")
    .option("--heartbeat <seconds>", "heartbeat interval of running trials", number(), 5)
    .option("--out <dir>", "output directory (default runs/search-<study>-seed<seed>)")
    .option("--json", "print one JSON object on stdout (human output goes to stderr)", false)
    .option("--no-progress", "plain progress lines even on a terminal")
    .action(async (flags: SearchFlags) => done(await runSearch(flags, io)));
}

async function runSearch(flags: SearchFlags, io: CliIo): Promise<number> {
  const op = "backprop search";
  const say = humanOut(io, flags.json);
  if (flags.preset !== undefined && flags.objective !== undefined)
    throw new InvalidOptionError({
      op,
      option: "--objective",
      value: flags.objective,
      expected: "either --preset or --objective, not both",
    });
  const objective: SearchObjective =
    flags.objective === undefined
      ? bookPreset(bookArgs(flags))
      : await moduleObjective(flags.objective, flags.direction, op);
  if (flags.narrow > 1 && objective.space === undefined)
    throw new InvalidOptionError({
      op,
      option: "--narrow",
      value: flags.narrow,
      expected: `1: the module ${flags.objective} exports no \`space\` to narrow (export const space = { lr: { type: "float", low, high, log: true }, … })`,
    });
  const studyName = flags.study ?? ("preset" in objective.source ? "book" : "search");
  const out = resolve(flags.out ?? join("runs", `search-${studyName}-seed${flags.seed}`));
  await mkdir(out, { recursive: true });
  const storage = flags.storage ?? `journal:${join(out, "study.jsonl")}`;
  const study = await createStudy({
    storage,
    studyName,
    direction: objective.direction,
    seed: flags.seed,
    sampler: samplerOf(flags.sampler),
    pruner: prunerOf(flags.pruner),
    loadIfExists: true,
    onWarning: (m) => io.stderr(`warning: ${m}\n`),
  });
  await study.setSystemAttr(SEARCH_KEY, {
    ...objective.source,
    args: objective.args ?? null,
    direction: objective.direction,
    sampler: { name: study.sampler.name, options: study.sampler.options ?? null },
    pruner: { name: study.pruner.name, options: study.pruner.options ?? null },
  } as JsonValue);
  const what = "preset" in objective.source ? `preset ${objective.source.preset}` : flags.objective;
  say(
    `search ${studyName} in ${study.storage.url}: ${what}, ${flags.sampler} sampler, ${flags.pruner} pruner, ${flags.workers} worker${flags.workers === 1 ? "" : "s"}, ${flags.trials} trials${flags.narrow > 1 ? ` × ${flags.narrow} stages` : ""}, seed ${flags.seed}\n`,
  );
  const display = searchProgress(io, say, flags.progress);
  const total = flags.trials;
  const onProgress = (p: OptimizeProgress) => display.update(p, total);
  const started = performance.now();
  const common = {
    workers: flags.workers,
    heartbeatInterval: flags.heartbeat,
    onProgress,
    ...(flags.timeout === undefined ? {} : { timeout: flags.timeout }),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  };
  let stages: readonly NarrowingStage[] = [];
  let stage = 1;
  let lastDone = 0;
  let warnings: readonly string[] = [];
  let stopReason: string;
  try {
    if (flags.narrow > 1) {
      const result = await narrowingSearch({
        study,
        space: objective.space!,
        objective: objective.module,
        ...(objective.args === undefined ? {} : { objectiveArgs: objective.args }),
        stages: flags.narrow,
        trialsPerStage: flags.trials,
        topK: flags.topK,
        optimize: {
          ...common,
          onProgress: (p) => {
            // Each stage is an optimize call of its own: its counts start again from 0.
            if (p.done < lastDone) stage++;
            lastDone = p.done;
            display.setStage(`stage ${stage}/${flags.narrow}`);
            onProgress(p);
          },
          callbacks: [],
        },
      });
      stages = result.stages;
      warnings = result.warnings;
      stopReason = result.stopReason;
    } else {
      const result = await study.optimize(objective.module, {
        ...common,
        nTrials: flags.trials,
        ...(objective.args === undefined ? {} : { objectiveArgs: objective.args }),
      });
      stopReason = result.stopReason;
    }
  } finally {
    display.close();
  }
  const seconds = (performance.now() - started) / 1000;
  await study.refresh();
  for (const w of warnings) say(`warning: ${w}\n`);
  const count = (state: string) => study.trials.filter((t) => t.state === state).length;
  const complete = study.topK(1).length > 0;
  const best = complete ? study.bestTrial : undefined;

  // The one look at the test set: the chosen configuration, after the search.
  let test: { testAccuracy: number; testCount: number; validationAccuracy: number } | undefined;
  if ("preset" in objective.source && best !== undefined && stopReason !== "aborted") {
    await initBackend({ backend: "wasm" });
    const data = await loadTrainTest(
      { dataset: flags.data, dataDir: flags.dataDir ?? null, download: false },
      io,
    );
    test = await bookSearchTest({
      train: data.train,
      test: data.test,
      params: best.params as { lr: number; weight_decay: number },
      seed: flags.seed,
      full: flags.full,
      ...(flags.epochs === undefined ? {} : { settings: { epochs: flags.epochs } }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
  }
  const summary: Array<readonly [string, string | number]> = [
    ["study", `${studyName} (${study.storage.url})`],
    [
      "trials",
      `${study.trials.length}: ${count("COMPLETE")} complete, ${count("PRUNED")} pruned, ${count("FAIL")} failed`,
    ],
    ["workers", flags.workers],
    ["time", `${seconds.toFixed(1)} s`],
    ...(best === undefined
      ? []
      : ([
          [`best ${objective.valueTitle}`, `${best.value} (trial ${best.number})`],
          ["best parameters", JSON.stringify(best.params)],
        ] as const)),
    ...(test === undefined
      ? []
      : ([
          [
            "test accuracy (chosen configuration, once, after the search)",
            `${test.testAccuracy} (${test.testCount} images)`,
          ],
        ] as const)),
    ...stages.map(
      (s) =>
        [
          `stage ${s.stage}`,
          Object.entries(s.space)
            .map(([k, v]) => (v.type === "categorical" ? k : `${k} [${v.low}, ${v.high}]`))
            .join(", "),
        ] as const,
    ),
  ];
  const plots = searchPlots({ study, stages, topK: flags.topK, valueTitle: objective.valueTitle });
  const written = await writeReport({
    dir: out,
    title: `Hyperparameter search: ${studyName}`,
    subtitle: `${what} · ${flags.sampler} sampler · ${flags.pruner} pruner · seed ${flags.seed}`,
    summary,
    plots,
  });
  const results = {
    command: "search",
    study: studyName,
    storage: study.storage.url,
    direction: objective.direction,
    workers: flags.workers,
    stopReason,
    trials: study.trials.length,
    complete: count("COMPLETE"),
    pruned: count("PRUNED"),
    failed: count("FAIL"),
    best:
      best === undefined ? null : { number: best.number, value: best.value, params: best.params },
    testAccuracy: test?.testAccuracy ?? null,
    testCount: test?.testCount ?? null,
    stages: stages.map((s) => ({
      stage: s.stage,
      space: s.space,
      best: s.best,
      warnings: s.warnings,
    })),
    warnings,
    seconds,
    report: written.html,
    plots: plots.map((p) => p.name),
  };
  await writeFileAtomic(
    join(out, "results.json"),
    new TextEncoder().encode(`${JSON.stringify(results, null, 2)}\n`),
  );
  if (best !== undefined)
    say(
      `best ${objective.valueTitle} ${best.value} (trial ${best.number}): ${JSON.stringify(best.params)}\n`,
    );
  if (test !== undefined)
    say(
      `test accuracy of the chosen configuration: ${(100 * test.testAccuracy).toFixed(2)}% (${test.testCount} images, evaluated once after the search)\n`,
    );
  say(`${study.trials.length} trials · ${seconds.toFixed(1)} s · report: ${written.html}\n`);
  if (flags.json) io.stdout(`${JSON.stringify(results)}\n`);
  await study.storage.close();
  return stopReason === "aborted" ? 130 : 0;
}

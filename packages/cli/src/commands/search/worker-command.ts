import { InvalidOptionError } from "@backprop/errors";
import {
  type JsonValue,
  loadStudy,
  medianPruner,
  type OptimizeProgress,
  tpeSampler,
} from "@backprop/hpo";
import { Command, Option } from "commander";
import { type CliIo, humanOut } from "../../cli-io.js";
import { integer, number } from "../../options/values.js";
import { DATASETS, type DatasetChoice } from "../train/settings.js";
import { prunerOf, samplerOf } from "./search-command.js";
import { bookArgs, bookPreset, moduleObjective, PRESETS, SEARCH_KEY } from "./search-objective.js";
import { progressLine } from "./search-progress.js";

interface WorkerFlags {
  readonly storage: string;
  readonly study: string;
  readonly preset?: (typeof PRESETS)[number];
  readonly objective?: string;
  readonly trials?: number;
  readonly timeout?: number;
  readonly sampler?: "tpe" | "random" | "grid";
  readonly pruner?: "median" | "asha" | "none";
  readonly heartbeat: number;
  readonly data?: DatasetChoice;
  readonly dataDir?: string;
  readonly json: boolean;
}

interface Recorded {
  readonly preset?: string;
  readonly args?: JsonValue;
  readonly sampler?: { readonly name: string };
  readonly pruner?: { readonly name: string };
}

/** `backprop worker`: joins a study (from another machine) and runs its trials here. */
export function workerProgram(io: CliIo, done: (code: number) => void): Command {
  return new Command("worker")
    .description(
      "join a study as a worker (e.g. from another machine, on postgres://…): run its objective here until --trials, --timeout or Ctrl-C",
    )
    .requiredOption("--storage <url>", "postgres://user@host:port/db or journal:<file>")
    .requiredOption("--study <name>", "the study to join")
    .addOption(new Option("--preset <name>", "a built-in objective").choices(PRESETS))
    .option("--objective <module>", "an ES module whose default export is the async objective")
    .option("--trials <n>", "trials this worker runs (default: until stopped)", integer(1))
    .option("--timeout <seconds>", "start no trial after this many seconds", number())
    .addOption(
      new Option("--sampler <name>", "default: what `backprop search` recorded, else tpe").choices([
        "tpe",
        "random",
        "grid",
      ]),
    )
    .addOption(
      new Option(
        "--pruner <name>",
        "default: what `backprop search` recorded, else median",
      ).choices(["median", "asha", "none"]),
    )
    .option("--heartbeat <seconds>", "heartbeat interval of running trials", number(), 5)
    .addOption(
      new Option("--data <name>", "the preset's data (default: as recorded)").choices(DATASETS),
    )
    .option("--data-dir <dir>", "a directory with the dataset's IDX files")
    .option("--json", "print one JSON object on stdout at the end", false)
    .action(async (flags: WorkerFlags) => done(await runWorker(flags, io)));
}

async function runWorker(flags: WorkerFlags, io: CliIo): Promise<number> {
  const op = "backprop worker";
  const say = humanOut(io, flags.json);
  const study = await loadStudy({
    storage: flags.storage,
    studyName: flags.study,
    sampler: tpeSampler(),
    pruner: medianPruner(),
    onWarning: (m) => io.stderr(`warning: ${m}\n`),
  });
  const recorded = (study.systemAttrs[SEARCH_KEY] ?? {}) as Recorded;
  const samplerName = flags.sampler ?? (recorded.sampler?.name as WorkerFlags["sampler"]) ?? "tpe";
  const prunerName =
    flags.pruner ??
    ({ median: "median", successiveHalving: "asha", nop: "none" }[recorded.pruner?.name ?? ""] as
      | WorkerFlags["pruner"]
      | undefined) ??
    "median";
  const preset = flags.preset ?? (flags.objective === undefined ? recorded.preset : undefined);
  if (preset === undefined && flags.objective === undefined)
    throw new InvalidOptionError({
      op,
      option: "--objective",
      value: undefined,
      expected: `--objective <module> or --preset book (study ${flags.study} records none)`,
    });
  const args = (recorded.args ?? {}) as Record<string, unknown>;
  const objective =
    preset !== undefined
      ? bookPreset(
          bookArgs({
            seed: typeof args.seed === "number" ? args.seed : study.seed,
            full: args.full === true,
            ...(typeof args.epochs === "number" ? { epochs: args.epochs } : {}),
            data: flags.data ?? (args.dataset as DatasetChoice | undefined) ?? "mnist-sample",
            ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
          }),
        )
      : await moduleObjective(flags.objective!, study.direction, op);
  const joined = await loadStudy({
    storage: study.storage,
    studyName: flags.study,
    sampler: samplerOf(samplerName),
    pruner: prunerOf(prunerName),
    onWarning: (m) => io.stderr(`warning: ${m}\n`),
  });
  say(
    `worker ${process.pid} joined ${flags.study} in ${joined.storage.url} (${samplerName} sampler, ${prunerName} pruner)\n`,
  );
  await joined.failStaleTrials({ gracePeriod: 2 * flags.heartbeat });
  let last = -1;
  const result = await joined.optimize(objective.module, {
    ...(flags.trials === undefined ? {} : { nTrials: flags.trials }),
    ...(flags.timeout === undefined ? {} : { timeout: flags.timeout }),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    ...(objective.args === undefined ? {} : { objectiveArgs: objective.args }),
    heartbeatInterval: flags.heartbeat,
    onProgress: (p: OptimizeProgress) => {
      if (p.done === last) return;
      last = p.done;
      say(`${progressLine(p, flags.trials)}\n`);
    },
  });
  await joined.refresh();
  const json = {
    command: "worker",
    study: flags.study,
    storage: joined.storage.url,
    pid: process.pid,
    stopReason: result.stopReason,
    trials: result.trials.map((t) => ({
      number: t.number,
      state: t.state,
      value: t.value ?? null,
    })),
    studyTrials: joined.trials.length,
  };
  say(
    `ran ${result.trials.length} trials (${result.stopReason}); the study has ${joined.trials.length}\n`,
  );
  if (flags.json) io.stdout(`${JSON.stringify(json)}\n`);
  await joined.storage.close();
  return result.stopReason === "aborted" ? 130 : 0;
}

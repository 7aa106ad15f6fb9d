import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InvalidOptionError } from "@backprop/errors";
import { EXPERIMENTS } from "@backprop/experiments";
import { writeFileAtomic } from "@backprop/layers/node";
import { initBackend } from "@backprop/tensor-core";
import { Command, Option } from "commander";
import { type CliIo, humanOut } from "../cli-io.js";
import { integer } from "../options/values.js";
import { writeReport } from "../report/write-report.js";
import { loadTrainTest } from "./data.js";
import { DATASETS, type DatasetChoice } from "./train/settings.js";

interface ReproduceFlags {
  readonly full: boolean;
  readonly seed: number;
  readonly data: DatasetChoice;
  readonly dataDir?: string;
  readonly download: boolean;
  readonly backend: "wasm" | "reference";
  readonly out?: string;
  readonly json: boolean;
  readonly list: boolean;
}

/** `backprop reproduce <name>`: one experiment of the notes, with plots and checked claims. */
export function reproduceProgram(io: CliIo, done: (code: number) => void): Command {
  return new Command("reproduce")
    .description(
      "rerun an experiment of the source notes: JSON results, SVG+PNG plots, report.html and whether the notes' claims hold",
    )
    .argument("[name]", `the experiment (${Object.keys(EXPERIMENTS).join(", ")})`)
    .option("--list", "list the experiments", false)
    .option(
      "--full",
      "the notes' full settings (default: a quick version of a minute or two)",
      false,
    )
    .option("--seed <n>", "seed of every random choice", integer(0), 0)
    .addOption(
      new Option("--data <name>", "data for the MNIST experiments")
        .choices(DATASETS)
        .default("mnist-sample"),
    )
    .option("--data-dir <dir>", "a directory with the four IDX files of the dataset")
    .option("--download", "fetch missing dataset files from the mirrors into the cache", false)
    .addOption(
      new Option("--backend <name>", "tensor backend")
        .choices(["wasm", "reference"])
        .default("wasm"),
    )
    .option("--out <dir>", "output directory (default runs/reproduce-<name>-seed<seed>[-full])")
    .option("--json", "print one JSON object on stdout (human output goes to stderr)", false)
    .action(async (name: string | undefined, flags: ReproduceFlags) =>
      done(await runReproduce(name, flags, io)),
    );
}

async function runReproduce(
  name: string | undefined,
  flags: ReproduceFlags,
  io: CliIo,
): Promise<number> {
  const say = humanOut(io, flags.json);
  if (flags.list || name === undefined) {
    for (const e of Object.values(EXPERIMENTS))
      say(`${e.name.padEnd(20)} ${e.source.padEnd(8)} ${e.description}\n`);
    return name === undefined && !flags.list ? 2 : 0;
  }
  const experiment = EXPERIMENTS[name];
  if (experiment === undefined) {
    throw new InvalidOptionError({
      op: "backprop reproduce",
      option: "name",
      value: name,
      expected: `one of ${Object.keys(EXPERIMENTS).join(", ")}`,
    });
  }
  await initBackend({ backend: flags.backend });
  const data = experiment.usesData
    ? await loadTrainTest(
        { dataset: flags.data, dataDir: flags.dataDir ?? null, download: flags.download },
        io,
      )
    : undefined;
  say(
    `${experiment.title} (${flags.full ? "full" : "quick"} settings, seed ${flags.seed}${data ? `, ${data.description}` : ""})\n`,
  );
  const started = performance.now();
  const result = await experiment.run({
    seed: flags.seed,
    full: flags.full,
    ...(data === undefined
      ? {}
      : { data: { name: flags.data, train: data.train, test: data.test } }),
    onProgress: (line) => say(`  ${line}\n`),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  });
  const seconds = (performance.now() - started) / 1000;
  const out = resolve(
    flags.out ?? join("runs", `reproduce-${name}-seed${flags.seed}${flags.full ? "-full" : ""}`),
  );
  await mkdir(out, { recursive: true });
  const { plots, ...rest } = result;
  await writeFileAtomic(
    join(out, "results.json"),
    new TextEncoder().encode(
      `${JSON.stringify({ ...rest, seconds, plots: plots.map((p) => p.name) }, null, 2)}\n`,
    ),
  );
  const written = await writeReport({
    dir: out,
    title: result.title,
    subtitle: `${experiment.description} · ${flags.full ? "full" : "quick"} settings · seed ${flags.seed}`,
    summary: [
      ...result.claims.map((c) => [`${c.holds ? "✓" : "✗"} ${c.statement}`, c.evidence] as const),
      ...result.summary.map((line, i) => [i === 0 ? "results" : "", line] as const),
      ["time", `${seconds.toFixed(1)} s`],
    ],
    plots: plots.map((p) => ({ name: p.name, spec: p.spec })),
  });
  for (const line of result.summary) say(`${line}\n`);
  for (const c of result.claims) say(`${c.holds ? "✓" : "✗"} ${c.statement}: ${c.evidence}\n`);
  const held = result.claims.filter((c) => c.holds).length;
  say(
    `${held} of ${result.claims.length} claims hold · ${seconds.toFixed(1)} s · report: ${written.html}\n`,
  );
  if (flags.json) {
    io.stdout(
      `${JSON.stringify({ command: "reproduce", name, seed: flags.seed, full: flags.full, claims: result.claims, allClaimsHold: held === result.claims.length, seconds, report: written.html, results: join(out, "results.json") })}\n`,
    );
  }
  return 0;
}

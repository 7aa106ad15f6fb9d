import { BackpropError } from "@backprop/errors";
import { Command, CommanderError } from "commander";
import type { CliIo } from "./cli-io.js";
import { evaluateProgram } from "./commands/evaluate-command.js";
import { predictProgram } from "./commands/predict-command.js";
import { reproduceProgram } from "./commands/reproduce-command.js";
import { searchProgram } from "./commands/search/search-command.js";
import { workerProgram } from "./commands/search/worker-command.js";
import { runTrain } from "./commands/train/run-train.js";
import { type TrainFlags, trainProgram } from "./commands/train/train-options.js";

/**
 * The `backprop` command line; resolves to the exit code: 0 done, 2 a bad option, argument or
 * input file (one line naming it, never a stack trace), 1 an unexpected failure, 130
 * interrupted. Private to the package: `bin.ts` calls it.
 */
export async function main(argv: readonly string[], io: CliIo, version = "0.0.0"): Promise<number> {
  let code = 0;
  const done = (c: number) => {
    code = c;
  };
  const program = new Command("backprop")
    .description("Build, train, verify and tune neural networks from scratch.")
    .version(version, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const train = trainProgram().action(async (flags: TrainFlags, command: Command) =>
    done(await runTrain(flags, command, io)),
  );
  for (const command of [
    train,
    evaluateProgram(io, done),
    predictProgram(io, done),
    reproduceProgram(io, done),
    searchProgram(io, done),
    workerProgram(io, done),
  ]) {
    program.addCommand(
      command
        .exitOverride()
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
        .showHelpAfterError("(run with --help for usage)"),
    );
  }
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has printed its one-line message otherwise.
      return error.exitCode === 0 ? 0 : 2;
    }
    const name = program.args[0] ?? "";
    if (BackpropError.isInstance(error)) {
      io.stderr(`backprop ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    const detail = io.env.BACKPROP_DEBUG
      ? `\n${(error as Error).stack}`
      : " (set BACKPROP_DEBUG=1 for the stack trace)";
    io.stderr(
      `backprop ${name}: unexpected error: ${(error as Error)?.message ?? String(error)}${detail}\n`,
    );
    return 1;
  }
}

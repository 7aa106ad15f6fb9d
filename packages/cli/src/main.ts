/** What `backprop --help` prints. */
export const USAGE = `Usage: backprop <command> [options]

Commands (coming soon):
  train      train a network and write a report (loss, accuracy, confusion matrix)
  evaluate   evaluate a saved model on a test set
  predict    classify a digit from a PNG image

Options:
  -h, --help     show this help
  -v, --version  show the version
`;

/** Where the command writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * The `backprop` command line (for now: help and version); returns the exit code. Private to
 * the package: `bin.ts` calls it, and the train/evaluate/predict commands will hang off it.
 */
export function main(argv: readonly string[], io: CliIo, version = "0.0.0"): number {
  const [first] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    io.stdout(USAGE);
    return first === undefined ? 1 : 0;
  }
  if (first === "-v" || first === "--version") {
    io.stdout(`${version}\n`);
    return 0;
  }
  io.stderr(`backprop: unknown command '${first}'\n\n${USAGE}`);
  return 2;
}

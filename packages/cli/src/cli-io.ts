/** Where a command writes, and what it may read of its process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The terminal for a live progress bar (stderr when it is a TTY); plain lines otherwise. */
  readonly progressStream?: NodeJS.WriteStream | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: training stops between two steps and still writes its report. */
  readonly signal?: AbortSignal;
}

/** Human output: stdout, or stderr when the command prints JSON on stdout. */
export function humanOut(io: CliIo, json: boolean): (text: string) => void {
  return json ? io.stderr : io.stdout;
}

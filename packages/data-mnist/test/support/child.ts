// Starts test/fixtures/load-child.ts in its own Node process (tsx resolves @backprop/* to the
// sources through the package's tsconfig paths, as vitest does) and reads its JSON lines.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const fixture = fileURLToPath(new URL("../fixtures/load-child.ts", import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** The next JSON line the child prints. */
  readonly next: () => Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal) when the child ends. */
  readonly exited: Promise<number | NodeJS.Signals>;
  readonly stderr: () => string;
}

export function startChild(options: { load: Record<string, unknown>; waitForGo?: boolean }): Child {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, JSON.stringify(options)], {
    cwd: packageDir,
    env: { ...process.env, TSX_TSCONFIG_PATH: `${packageDir}/tsconfig.json` },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c) => {
    stderr += String(c);
  });
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let buffered = "";
  child.stdout!.on("data", (c) => {
    buffered += String(c);
    for (let i = buffered.indexOf("\n"); i >= 0; i = buffered.indexOf("\n")) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  // "close", not "exit": it comes after the child's stdout has been read to the end.
  const exited = once(child, "close").then(([code, signal]) => (code ?? signal) as number);
  return {
    process: child,
    next: async () => {
      const ready = lines.shift();
      if (ready !== undefined) return JSON.parse(ready) as Record<string, unknown>;
      const ended = exited.then(() => {
        throw new Error(`the child ended before printing a line; stderr: ${stderr}`);
      });
      ended.catch(() => {});
      const line = await Promise.race([
        new Promise<string>((resolve) => waiters.push(resolve)),
        ended,
      ]);
      return JSON.parse(line) as Record<string, unknown>;
    },
    exited,
    stderr: () => stderr,
  };
}

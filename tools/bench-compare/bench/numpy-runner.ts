// The NumPy contender: numpy_nets.py in a child process, asked one task at a time over
// stdin/stdout, so its epochs interleave with the in-process contenders' rounds. It is pinned to
// one BLAS thread, and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for it only — unless
// OpenBLAS does not recognise the CPU (openblas-core.ts), when the core its flags imply is set.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { BenchData } from "./nets.js";
import { type OpenblasCore, openblasCore } from "./openblas-core.js";

export interface NumpyInfo {
  readonly python: string;
  readonly executable: string;
  readonly numpy: string;
  readonly blas: readonly string[];
  readonly threads: Readonly<Record<string, string | null>>;
  readonly openblasCore: OpenblasCore;
}

type Reply = Record<string, unknown> & { error?: string };

/**
 * The environment of the child: one BLAS thread, no inherited core-type or L2 overrides; `core`
 * becomes OPENBLAS_CORETYPE when given.
 */
export function numpyEnv(core?: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return {
    ...env,
    ...(core === undefined ? {} : { OPENBLAS_CORETYPE: core }),
    OPENBLAS_NUM_THREADS: "1",
    OMP_NUM_THREADS: "1",
    MKL_NUM_THREADS: "1",
    OPENBLAS_MAIN_FREE: "1",
  };
}

/**
 * The Python to use: `$BENCH_PYTHON`, else Debian's `/usr/bin/python3` (python3-numpy with
 * libopenblas0-pthread, as the issue specifies), else `python3` on the PATH — the first one that
 * imports numpy. Undefined when none does.
 */
export function findPython(): string | undefined {
  const candidates = [process.env.BENCH_PYTHON, "/usr/bin/python3", "python3"].filter(
    (c): c is string => typeof c === "string" && c.length > 0,
  );
  for (const python of candidates) {
    try {
      execFileSync(python, ["-c", "import numpy"], { stdio: "ignore", env: numpyEnv() });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export class NumpyRunner {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: Interface;
  readonly #pending: Array<(reply: Reply) => void> = [];
  readonly #dir: string;
  readonly executable: string;
  readonly core: OpenblasCore;

  constructor(python: string) {
    this.executable = python;
    this.core = openblasCore(python, numpyEnv());
    const script = fileURLToPath(new URL("./numpy_nets.py", import.meta.url));
    const env = numpyEnv(this.core.chosen);
    this.#child = spawn(python, [script], { env, stdio: ["pipe", "pipe", "pipe"] });
    this.#child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    this.#lines = createInterface({ input: this.#child.stdout });
    this.#lines.on("line", (line) => this.#pending.shift()?.(JSON.parse(line) as Reply));
    this.#dir = mkdtempSync(join(tmpdir(), "bench-compare-"));
  }

  async #ask(request: Record<string, unknown>): Promise<Reply> {
    const reply = await new Promise<Reply>((resolve) => {
      this.#pending.push(resolve);
      this.#child.stdin.write(`${JSON.stringify(request)}\n`);
    });
    if (reply.error !== undefined) throw new Error(`numpy_nets.py: ${reply.error}`);
    return reply;
  }

  async info(): Promise<NumpyInfo> {
    const r = await this.#ask({ cmd: "info" });
    return {
      python: String(r.python),
      executable: this.executable,
      numpy: String(r.numpy),
      blas: r.blas as string[],
      threads: r.threads as Record<string, string | null>,
      openblasCore: this.core,
    };
  }

  /** Hands the child the same rows (float32 features, int32 labels) as the JS contenders. */
  async load(data: BenchData): Promise<void> {
    const features = join(this.#dir, "features.f32");
    const labels = join(this.#dir, "labels.i32");
    writeFileSync(features, data.features);
    writeFileSync(labels, data.labels);
    await this.#ask({ cmd: "load", features, labels, count: data.count, dim: 784 });
  }

  /** One epoch of `impl` ("ref64", "ref32", "book64") on `net`; ms measured in Python. */
  async epoch(impl: string, net: string): Promise<{ ms: number; samples: number }> {
    const r = await this.#ask({ cmd: "epoch", impl, net });
    return { ms: Number(r.ms), samples: Number(r.samples) };
  }

  /** The book's numerical_gradient of TwoLayerNet on `samples` rows. */
  async gradcheck(samples: number): Promise<{ ms: number; params: number }> {
    const r = await this.#ask({ cmd: "gradcheck", samples });
    return { ms: Number(r.ms), params: Number(r.params) };
  }

  close(): void {
    this.#child.stdin.end();
    this.#child.kill();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

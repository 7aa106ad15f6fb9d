// Which OpenBLAS kernels NumPy will run. OpenBLAS picks its kernels from the CPU model; a release
// older than the CPU does not know the model and falls back to its generic "Prescott" (SSE3)
// kernels — Debian 12's 0.3.21 on this machine's Xeon runs float64 products at ~14 GFLOP/s that
// way instead of ~50 with its AVX-512 kernels. Racing that NumPy would flatter backprop, so the
// benchmark reads the core OpenBLAS chose (OPENBLAS_VERBOSE=2 prints it) and, only when it is the
// fallback on a CPU whose flags say AVX-512 or AVX2, names the family the flags imply.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The cores OpenBLAS falls back to when it does not recognise a CPU. */
const FALLBACKS = new Set(["Prescott", "Core2", "Katmai", "Banias"]);

export interface OpenblasCore {
  /** The core OpenBLAS detected on its own (undefined when NumPy does not use OpenBLAS). */
  readonly detected: string | undefined;
  /** The OPENBLAS_CORETYPE the benchmark sets, when the detection fell back. */
  readonly chosen: string | undefined;
}

function cpuFlags(): Set<string> {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("flags"));
    return new Set(line?.split(":")[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return new Set();
  }
}

/** The OpenBLAS core family the CPU's flags support, from the widest vector units down. */
export function familyFromFlags(flags: ReadonlySet<string>): string | undefined {
  if (["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"].every((f) => flags.has(f))) {
    return "SkylakeX";
  }
  if (flags.has("avx2") && flags.has("fma")) return "Haswell";
  return undefined;
}

/** What OpenBLAS under `python`'s NumPy detects, and the core to set when it fell back. */
export function openblasCore(python: string, env: NodeJS.ProcessEnv): OpenblasCore {
  // OpenBLAS prints the line on stderr while NumPy loads it.
  const run = spawnSync(python, ["-c", "import numpy"], {
    env: { ...env, OPENBLAS_VERBOSE: "2" },
    encoding: "utf8",
  });
  const detected = /Core:\s*(\S+)/.exec(`${run.stderr ?? ""}${run.stdout ?? ""}`)?.[1];
  const family = familyFromFlags(cpuFlags());
  const chosen = detected !== undefined && FALLBACKS.has(detected) ? family : undefined;
  return { detected, chosen };
}

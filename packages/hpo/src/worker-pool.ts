// The parent side of `optimize({ workers })`: N child processes, each loading the study and the
// objective module. The parent holds the trial budget and grants one trial at a time to an idle
// worker, so exactly `nTrials` trials start however the workers race; the trials themselves —
// numbers, claims of WAITING trials, parameters, results — go through the storage. A worker
// that dies leaves its trial RUNNING with a heartbeat that stops; the parent fails it once the
// grace period has passed (`failStaleTrials`), and the others go on.
import { type ChildProcess, spawn } from "node:child_process";
import { InvalidOptionError } from "@backprop/errors";
import { specOf } from "./component-spec.js";
import { StorageError } from "./storage-error.js";
import type { OptimizeOptions, OptimizeResult, Study } from "./study.js";
import { TrialFailedError } from "./trial-failed-error.js";
import type { FrozenTrial } from "./types.js";
import type { FromWorker, ToWorker, WorkerConfig } from "./worker-process.js";

interface Worker {
  readonly child: ChildProcess;
  ready: boolean;
  busy: boolean;
  exited: boolean;
  /** The trial it is running (from its "started" message). */
  trialId: number | undefined;
  stderr: string;
}

/** Seconds between heartbeats of worker processes' trials when none is given. */
export const DEFAULT_WORKER_HEARTBEAT = 5;

function entryPoint(): { href: string; typescript: boolean } {
  const self = import.meta.url;
  const typescript = self.endsWith(".ts");
  return { href: new URL(`./worker-process.${typescript ? "ts" : "js"}`, self).href, typescript };
}

export async function optimizeWithWorkers(
  study: Study,
  objective: string,
  options: OptimizeOptions,
): Promise<OptimizeResult> {
  const op = "optimize";
  const workers = options.workers!;
  const storage = study.storage.workerUrl?.() ?? study.storage.url;
  if (storage === "memory:")
    throw new InvalidOptionError({
      op,
      option: "workers",
      value: workers,
      expected:
        "1 for an in-memory study (worker processes need a storage they can open: journal:<path> or postgres://…)",
    });
  const heartbeatInterval = options.heartbeatInterval ?? DEFAULT_WORKER_HEARTBEAT;
  const gracePeriod = options.gracePeriod ?? 2 * heartbeatInterval;
  const config: WorkerConfig = {
    storage,
    studyName: study.studyName,
    objective,
    ...(options.objectiveArgs === undefined ? {} : { objectiveArgs: options.objectiveArgs }),
    sampler: specOf(op, "sampler", study.sampler),
    pruner: specOf(op, "pruner", study.pruner),
    heartbeatInterval,
  };
  const entry = entryPoint();
  const execArgv = [
    ...(entry.typescript || /\.[cm]?ts$/.test(objective) ? ["--import", "tsx"] : []),
    ...(options.workerExecArgv ?? []),
  ];
  const { nTrials, timeout, signal } = options;
  const started = Date.now();
  const ran: FrozenTrial[] = [];
  const counts = { done: 0, complete: 0, pruned: 0, failed: 0 };
  let granted = 0;
  let stopReason: OptimizeResult["stopReason"] | undefined;
  let failure: Error | undefined;
  let abandoned = 0; // trials whose worker died before it recorded their end
  let chain: Promise<unknown> = Promise.resolve();
  const serial = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch((e) => {
      failure ??= e as Error;
    });
    return chain;
  };

  const pool: Worker[] = [];
  const progress = () => {
    if (options.onProgress === undefined) return;
    const best = study.topK(1)[0];
    options.onProgress({
      ...counts,
      running: pool.filter((w) => w.busy && !w.exited).length,
      workers: pool.filter((w) => !w.exited).length,
      ...(best === undefined
        ? {}
        : { best: { number: best.number, value: best.value!, params: best.params } }),
    });
  };
  const decide = (): OptimizeResult["stopReason"] | undefined => {
    if (stopReason !== undefined) return stopReason;
    if (signal?.aborted) return "aborted";
    if (nTrials !== undefined && granted >= nTrials) return "completed";
    if (timeout !== undefined && (Date.now() - started) / 1000 >= timeout) return "timeout";
    if (study.stopRequested) return "stopped";
    if (failure !== undefined) return "stopped";
    return undefined;
  };
  const post = (w: Worker, message: ToWorker) => {
    if (w.exited || !w.child.connected) return;
    // A worker that is leaving may close its channel before it exits: a failed send is its exit
    // (handled there), not an error of the pool.
    try {
      w.child.send(message, () => undefined);
    } catch {
      // the channel closed meanwhile
    }
  };
  const pump = () => {
    for (const w of pool) {
      if (!w.ready || w.busy || w.exited) continue;
      const reason = decide();
      if (reason !== undefined) {
        stopReason ??= reason;
        post(w, { type: "stop" });
        continue;
      }
      w.busy = true;
      granted++;
      post(w, { type: "grant" });
    }
  };

  let exitedCount = 0;
  let allExited: () => void = () => {};
  const finishedAll = new Promise<void>((r) => (allExited = r));
  const onAbort = () => {
    stopReason ??= "aborted";
    for (const w of pool) post(w, { type: "abort" });
  };
  signal?.addEventListener("abort", onAbort, { once: true });

  const handle = (w: Worker, message: FromWorker) => {
    switch (message.type) {
      case "ready":
        w.ready = true;
        pump();
        return;
      case "started":
        w.trialId = message.trialId;
        progress();
        return;
      case "warning":
        study.warn(message.message);
        return;
      case "error":
        failure ??= new StorageError({
          storage: study.storage.url,
          operation: "worker process",
          reason: `${message.name}: ${message.message}`,
        });
        return;
      case "idle":
        w.busy = false;
        granted--;
        if (message.exhausted) stopReason ??= "exhausted";
        pump();
        return;
      case "finished":
        void serial(async () => {
          const trial = await study.storage.getTrial(message.trialId);
          ran.push(trial);
          counts.done++;
          if (trial.state === "COMPLETE") counts.complete++;
          else if (trial.state === "PRUNED") counts.pruned++;
          else counts.failed++;
          await study.refresh();
          for (const callback of options.callbacks ?? []) await callback(study, trial);
          if (trial.state === "FAIL" && options.stopOnFail === true)
            failure ??= new TrialFailedError({
              studyName: study.studyName,
              trialNumber: trial.number,
              reason: message.failReason ?? "failed",
            });
          if (message.exhausted) stopReason ??= "exhausted";
          w.busy = false;
          w.trialId = undefined;
          progress();
          pump();
        });
        return;
    }
  };

  for (let i = 0; i < workers; i++) {
    const child = spawn(
      process.execPath,
      [
        ...execArgv,
        "--input-type=module",
        "-e",
        `import(${JSON.stringify(entry.href)}).then((m) => m.runWorkerProcess())`,
      ],
      // A worker's stdout goes to this process's stderr: stdout stays the caller's (one JSON line
      // of `backprop search --json`, say).
      { stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "advanced" },
    );
    const w: Worker = {
      child,
      ready: false,
      busy: false,
      exited: false,
      trialId: undefined,
      stderr: "",
    };
    pool.push(w);
    child.stdout?.on("data", (d: Buffer) => process.stderr.write(d));
    child.stderr?.on("data", (d: Buffer) => {
      w.stderr = (w.stderr + d.toString()).slice(-4000);
      process.stderr.write(d);
    });
    child.on("message", (m: FromWorker) => handle(w, m));
    child.on("exit", (code, killed) => {
      w.exited = true;
      if (w.busy) abandoned++;
      if (!w.ready && code !== 0 && failure === undefined)
        failure = new StorageError({
          storage: study.storage.url,
          operation: "worker process",
          reason: `a worker process exited (${killed ?? `code ${code}`}) before it was ready: ${w.stderr.trim() || "no output"}`,
        });
      if (++exitedCount === workers) allExited();
      else pump();
      progress();
    });
    child.on("error", (e) => {
      failure ??= e;
    });
    post(w, { type: "start", config });
  }

  // While workers run, trials whose heartbeat went stale — of a worker of this pool that died,
  // or of one on another machine — are failed.
  const sweep = setInterval(() => {
    void serial(async () => {
      await study.failStaleTrials({ gracePeriod, reenqueue: options.reenqueueStale === true });
    });
  }, heartbeatInterval * 1000);
  sweep.unref?.();
  try {
    await finishedAll;
    await chain;
    // A worker that died mid-trial: its trial ends FAIL through the heartbeat, after the grace period.
    if (abandoned > 0) {
      const deadline = Date.now() + (gracePeriod + 3 * heartbeatInterval) * 1000;
      for (;;) {
        await study.failStaleTrials({ gracePeriod, reenqueue: options.reenqueueStale === true });
        const left = study.trials.filter(
          (t) =>
            t.state === "RUNNING" &&
            pool.some((w) => w.exited && w.busy && w.trialId === t.trialId),
        );
        if (left.length === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, Math.min(1000, heartbeatInterval * 500)));
      }
    }
  } finally {
    clearInterval(sweep);
    signal?.removeEventListener("abort", onAbort);
    for (const w of pool) if (!w.exited) w.child.kill("SIGTERM");
  }
  await study.refresh();
  progress();
  if (failure !== undefined) throw failure;
  return {
    trials: ran.sort((a, b) => a.number - b.number),
    stopReason: stopReason ?? (signal?.aborted ? "aborted" : "completed"),
  };
}

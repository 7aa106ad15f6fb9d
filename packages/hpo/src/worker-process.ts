// The child side of `optimize({ workers })`: a process that loads the study and the objective
// module, then runs one trial per grant from its parent until told to stop. It talks to the
// parent over Node's IPC channel; the trials themselves go through the storage.
import { type ComponentSpec, prunerFromSpec, samplerFromSpec } from "./component-spec.js";
import { loadObjective } from "./load-objective.js";
import { loadStudy } from "./load-study.js";
import type { JsonValue, TrialState } from "./types.js";

/** What the parent tells a worker process to do. */
export interface WorkerConfig {
  readonly storage: string;
  readonly studyName: string;
  readonly objective: string;
  readonly objectiveArgs?: JsonValue;
  readonly sampler: ComponentSpec;
  readonly pruner: ComponentSpec;
  readonly heartbeatInterval: number;
}

export type ToWorker =
  | { readonly type: "start"; readonly config: WorkerConfig }
  | { readonly type: "grant" }
  | { readonly type: "stop" }
  | { readonly type: "abort" };

export type FromWorker =
  | { readonly type: "ready"; readonly pid: number }
  | { readonly type: "started"; readonly trialId: number; readonly number: number }
  | {
      readonly type: "finished";
      readonly trialId: number;
      readonly number: number;
      readonly state: TrialState;
      readonly exhausted: boolean;
      readonly failReason?: string;
    }
  | { readonly type: "idle"; readonly exhausted: boolean }
  | { readonly type: "warning"; readonly message: string }
  | { readonly type: "error"; readonly name: string; readonly message: string };

/**
 * Runs a worker process's loop; started by the parent with `node -e` (it is not a module that
 * runs on import).
 */
export async function runWorkerProcess(): Promise<void> {
  const send = (message: FromWorker) => {
    if (process.connected) process.send?.(message);
  };
  const controller = new AbortController();
  const inbox: ToWorker[] = [];
  let wake: (() => void) | undefined;
  process.on("message", (message: ToWorker) => {
    if (message.type === "abort") controller.abort();
    inbox.push(message);
    wake?.();
  });
  // The parent went away: stop after the current trial is recorded.
  process.on("disconnect", () => {
    controller.abort();
    inbox.push({ type: "stop" });
    wake?.();
  });
  const next = async (): Promise<ToWorker> => {
    while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
    return inbox.shift()!;
  };
  const first = await next();
  if (first.type !== "start") return;
  const { config } = first;
  try {
    const study = await loadStudy({
      storage: config.storage,
      studyName: config.studyName,
      sampler: samplerFromSpec(config.sampler),
      pruner: prunerFromSpec(config.pruner),
      onWarning: (message) => send({ type: "warning", message }),
    });
    const objective = await loadObjective(config.objective, config.objectiveArgs);
    send({ type: "ready", pid: process.pid });
    for (;;) {
      const message = await next();
      if (message.type !== "grant") break;
      const result = await study.optimize(objective, {
        nTrials: 1,
        signal: controller.signal,
        heartbeatInterval: config.heartbeatInterval,
        onTrialStart: (trial) =>
          send({ type: "started", trialId: trial.trialId, number: trial.number }),
      });
      const trial = result.trials[0];
      const exhausted = result.stopReason === "exhausted";
      if (trial === undefined) send({ type: "idle", exhausted });
      else {
        const reason = trial.systemAttrs.fail_reason;
        send({
          type: "finished",
          trialId: trial.trialId,
          number: trial.number,
          state: trial.state,
          exhausted,
          ...(typeof reason === "string" ? { failReason: reason } : {}),
        });
      }
      if (controller.signal.aborted) break;
    }
    await study.storage.close();
  } catch (error) {
    send({
      type: "error",
      name: (error as Error)?.name ?? "Error",
      message: (error as Error)?.message ?? String(error),
    });
    process.exitCode = 1;
  }
  if (process.connected) process.disconnect();
}

import type { OptimizeProgress } from "@backprop/hpo";
import type { CliIo } from "../../cli-io.js";

/** One line of search progress: trials done/running/failed and the best value so far. */
export function progressLine(
  p: OptimizeProgress,
  total: number | undefined,
  stage?: string,
): string {
  const best =
    p.best === undefined ? "best –" : `best ${p.best.value.toFixed(4)} (trial ${p.best.number})`;
  return [
    ...(stage === undefined ? [] : [stage]),
    `trials ${p.done}${total === undefined ? "" : `/${total}`} done`,
    `${p.running} running`,
    `${p.failed} failed`,
    `${p.pruned} pruned`,
    best,
    `${p.workers} worker${p.workers === 1 ? "" : "s"}`,
  ].join(" · ");
}

/**
 * Search progress for people: on a terminal one live line rewritten in place; otherwise a plain
 * line whenever a trial ends. `stage` names the narrowing stage; `close()` ends the live line.
 */
export function searchProgress(io: CliIo, say: (text: string) => void, live: boolean) {
  const stream = live ? io.progressStream : undefined;
  let stage: string | undefined;
  let lastDone = -1;
  let shown = false;
  return {
    setStage(name: string | undefined) {
      if (name !== stage) lastDone = -1;
      stage = name;
    },
    update(p: OptimizeProgress, total: number | undefined) {
      const line = progressLine(p, total, stage);
      if (stream !== undefined) {
        stream.write(`\r\x1b[2K${line}`);
        shown = true;
      } else if (p.done !== lastDone) {
        lastDone = p.done;
        say(`${line}\n`);
      }
    },
    close() {
      if (stream !== undefined && shown) stream.write("\n");
      shown = false;
    },
  };
}

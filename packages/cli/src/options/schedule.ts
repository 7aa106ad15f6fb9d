import { InvalidArgumentError } from "commander";
import type { ScheduleSetting } from "../commands/train/settings.js";

/**
 * `none`, `step:EVERY[:FACTOR]` (factor 0.5), `exp:RATE`, `cosine[:MIN_LR]` or
 * `plateau[:PATIENCE[:FACTOR]]` (5 and 0.5).
 */
export function schedule(text: string): ScheduleSetting {
  const [kind, ...args] = text.trim().split(":");
  const nums = args.map(Number);
  const bad = (why: string) =>
    new InvalidArgumentError(
      `${why} (expected none, step:EVERY[:FACTOR], exp:RATE, cosine[:MIN_LR] or plateau[:PATIENCE[:FACTOR]]).`,
    );
  if (nums.some((n) => !Number.isFinite(n))) throw bad("Not a number in the schedule");
  const factor = (at: number, fallback: number) => {
    const f = nums[at] ?? fallback;
    if (!(f > 0 && f < 1)) throw bad(`The factor must be in (0, 1); got ${f}`);
    return f;
  };
  switch (kind) {
    case "none":
      if (nums.length > 0) throw bad("'none' takes no arguments");
      return { kind: "none" };
    case "step": {
      const every = nums[0];
      if (every === undefined || !Number.isSafeInteger(every) || every < 1 || nums.length > 2)
        throw bad("step needs EVERY, an integer >= 1");
      return { kind: "step", every, factor: factor(1, 0.5) };
    }
    case "exp": {
      const rate = nums[0];
      if (rate === undefined || !(rate > 0 && rate <= 1) || nums.length > 1)
        throw bad("exp needs RATE in (0, 1]");
      return { kind: "exp", rate };
    }
    case "cosine": {
      const minLr = nums[0] ?? 0;
      if (!(minLr >= 0) || nums.length > 1) throw bad("cosine takes MIN_LR >= 0");
      return { kind: "cosine", minLr };
    }
    case "plateau": {
      const patience = nums[0] ?? 5;
      if (!Number.isSafeInteger(patience) || patience < 0 || nums.length > 2)
        throw bad("plateau takes PATIENCE, an integer >= 0");
      return { kind: "plateau", patience, factor: factor(1, 0.5) };
    }
    default:
      throw bad(`Unknown schedule '${kind}'`);
  }
}

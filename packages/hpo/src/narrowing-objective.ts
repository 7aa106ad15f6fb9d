// What worker processes run in a narrowing search with a module objective: the user's module,
// made with the stage's ranges (`args.space`) and stage number, each trial marked with its stage.
import { loadObjective } from "./load-objective.js";
import { STAGE_KEY } from "./narrowing-search.js";
import type { SearchSpace } from "./search-space.js";
import type { JsonValue, Objective } from "./types.js";

export interface NarrowingObjectiveArgs {
  readonly module: string;
  readonly args?: JsonValue;
  readonly stage: number;
  readonly space: SearchSpace;
}

/** The stage's objective: the module's, given `{ ...args, space, stage }`. */
export async function createObjective(args: NarrowingObjectiveArgs): Promise<Objective> {
  const base =
    typeof args.args === "object" && args.args !== null && !Array.isArray(args.args)
      ? args.args
      : {};
  const inner = await loadObjective(args.module, {
    ...base,
    space: args.space as unknown as JsonValue,
    stage: args.stage,
  });
  return (trial) => {
    trial.setUserAttr(STAGE_KEY, args.stage);
    return inner(trial);
  };
}

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidOptionError } from "@backprop/errors";
import { BOOK_SEARCH_FULL } from "@backprop/experiments";
import type { JsonValue, SearchSpace, StudyDirection } from "@backprop/hpo";
import type { DatasetChoice } from "../train/settings.js";
import type { BookPresetArgs } from "./book-objective.js";

/** The objective a search or worker runs: a module (a preset's or the user's) and its arguments. */
export interface SearchObjective {
  /** What `--preset`/`--objective` said, for the study record and messages. */
  readonly source: { readonly preset: string } | { readonly module: string };
  /** The module as a file URL. */
  readonly module: string;
  readonly args: JsonValue | undefined;
  /** The ranges of the first stage (needed for --narrow). */
  readonly space: SearchSpace | undefined;
  readonly direction: StudyDirection;
  readonly valueTitle: string;
}

/** The names `--preset` takes. */
export const PRESETS = ["book"] as const;

/** The study system attribute where `backprop search` records how its workers run. */
export const SEARCH_KEY = "backprop:search";

/** The book preset: chapter 6's search, validation accuracy maximised. */
export function bookPreset(args: BookPresetArgs): SearchObjective {
  return {
    source: { preset: "book" },
    module: new URL("./book-objective.js", import.meta.url).href,
    args: args as unknown as JsonValue,
    space: {
      lr: { type: "float", low: BOOK_SEARCH_FULL.lr[0], high: BOOK_SEARCH_FULL.lr[1], log: true },
      weight_decay: {
        type: "float",
        low: BOOK_SEARCH_FULL.weightDecay[0],
        high: BOOK_SEARCH_FULL.weightDecay[1],
        log: true,
      },
    },
    direction: "maximize",
    valueTitle: "validation accuracy",
  };
}

/** A user's objective module: its default export (or createObjective), and its `space` export if any. */
export async function moduleObjective(
  path: string,
  direction: StudyDirection,
  op: string,
): Promise<SearchObjective> {
  const href = pathToFileURL(resolve(path)).href;
  let space: SearchSpace | undefined;
  try {
    const loaded = (await import(href)) as { space?: SearchSpace };
    space = loaded.space;
  } catch (cause) {
    throw new InvalidOptionError({
      op,
      option: "--objective",
      value: path,
      expected: `an ES module that can be imported (${(cause as Error).message})`,
    });
  }
  return {
    source: { module: path },
    module: href,
    args: undefined,
    space,
    direction,
    valueTitle: "objective value",
  };
}

/** The preset's arguments from the command's flags. */
export function bookArgs(flags: {
  readonly seed: number;
  readonly full: boolean;
  readonly epochs?: number;
  readonly data: DatasetChoice;
  readonly dataDir?: string;
}): BookPresetArgs {
  return {
    seed: flags.seed,
    full: flags.full,
    dataset: flags.data,
    ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }),
    ...(flags.dataDir === undefined ? {} : { dataDir: resolve(flags.dataDir) }),
  };
}

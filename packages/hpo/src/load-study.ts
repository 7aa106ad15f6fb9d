import { InvalidOptionError } from "@backprop/errors";
import { openStorage } from "./open-storage.js";
import { medianPruner } from "./percentile-pruner.js";
import { SEED_KEY, Study } from "./study.js";
import { StudyNotFoundError } from "./study-not-found-error.js";
import { tpeSampler } from "./tpe-sampler.js";
import type { Pruner, Sampler, Storage, StudyDirection } from "./types.js";
import { checkStudyOptions } from "./validate.js";

/**
 * Options of {@link loadStudy}.
 *
 * @example
 * ```ts
 * import { createStudy, inMemoryStorage, loadStudy, type LoadStudyOptions } from "@backprop/hpo";
 * const storage = inMemoryStorage();
 * await createStudy({ storage, studyName: "s", direction: "minimize", seed: 9 });
 * const options: LoadStudyOptions = { storage, studyName: "s" };
 * console.log((await loadStudy(options)).seed); // 9
 * ```
 */
export interface LoadStudyOptions {
  readonly storage: string | Storage;
  readonly studyName: string;
  /** Default: TPE. Samplers are not stored (as in Optuna). */
  readonly sampler?: Sampler;
  /** Default: the median pruner. */
  readonly pruner?: Pruner;
  /**
   * Used only when the study records no seed (one written by Python Optuna), and then required:
   * a study keeps the seed it was created with, so every worker draws the same trials.
   */
  readonly seed?: number;
  readonly onWarning?: (message: string) => void;
}

/**
 * Opens an existing study (Optuna's `load_study`), e.g. one another process — or Python
 * Optuna — is working on; trials it runs join the same study.
 *
 * @example
 * ```ts
 * import { createStudy, inMemoryStorage, loadStudy } from "@backprop/hpo";
 * const storage = inMemoryStorage();
 * const first = await createStudy({ storage, studyName: "shared", direction: "minimize", seed: 4 });
 * await first.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 2 });
 * const second = await loadStudy({ storage, studyName: "shared" });
 * await second.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 2 });
 * console.log(second.trials.map((t) => t.number)); // [ 0, 1, 2, 3 ]
 * ```
 */
export async function loadStudy(options: LoadStudyOptions): Promise<Study> {
  const op = "loadStudy";
  checkStudyOptions(op, options);
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const storage = await openStorage(options.storage, { onWarning: (w) => warn(w.message) });
  const studyId = await storage.getStudyIdFromName(options.studyName);
  if (studyId === undefined)
    throw new StudyNotFoundError({ storage: storage.url, studyName: options.studyName });
  const summary = await storage.getStudy(studyId);
  if (summary.directions.length !== 1)
    throw new InvalidOptionError({
      op,
      option: "studyName",
      value: options.studyName,
      expected: `a single-objective study (this one has ${summary.directions.length} objectives)`,
    });
  const recorded = summary.systemAttrs[SEED_KEY];
  const seed = typeof recorded === "number" ? recorded : options.seed;
  if (seed === undefined)
    throw new InvalidOptionError({
      op,
      option: "seed",
      value: undefined,
      expected: `a safe integer (study ${JSON.stringify(options.studyName)} records no seed: it was not created by @backprop/hpo)`,
    });
  if (typeof recorded === "number" && options.seed !== undefined && options.seed !== recorded)
    warn(
      `loadStudy: study ${JSON.stringify(options.studyName)} was created with seed ${recorded}, which it keeps (not ${options.seed})`,
    );
  const study = new Study({
    storage,
    studyId,
    studyName: options.studyName,
    direction: summary.directions[0] as StudyDirection,
    seed,
    sampler: options.sampler ?? tpeSampler(),
    pruner: options.pruner ?? medianPruner(),
    warn,
  });
  await study.refresh();
  return study;
}

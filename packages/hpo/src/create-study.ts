import { InvalidOptionError } from "@backprop/errors";
import { DuplicatedStudyError } from "./duplicated-study-error.js";
import { loadStudy } from "./load-study.js";
import { openStorage } from "./open-storage.js";
import { medianPruner } from "./percentile-pruner.js";
import { SEED_KEY, Study } from "./study.js";
import { tpeSampler } from "./tpe-sampler.js";
import type { Pruner, Sampler, Storage, StudyDirection } from "./types.js";
import { checkStudyOptions } from "./validate.js";

/**
 * Options of {@link createStudy}.
 *
 * @example
 * ```ts
 * import { createStudy, randomSampler, type CreateStudyOptions } from "@backprop/hpo";
 * const options: CreateStudyOptions = { studyName: "book", direction: "maximize", seed: 2016, sampler: randomSampler() };
 * console.log((await createStudy(options)).sampler.name); // random
 * ```
 */
export interface CreateStudyOptions {
  /** A storage or its URL (`"memory:"`, `"journal:./study.jsonl"`). Default `"memory:"`. */
  readonly storage?: string | Storage;
  readonly studyName: string;
  readonly direction: StudyDirection;
  /** Default: TPE ({@link tpeSampler}), as Optuna. */
  readonly sampler?: Sampler;
  /** Default: the median pruner ({@link medianPruner}), as Optuna. */
  readonly pruner?: Pruner;
  /**
   * The study seed (a safe integer): trial n draws from `deriveRng(seed, "trial", n)`. Recorded
   * in the study (system attribute `backprop:seed`), so `loadStudy` in another process uses it.
   */
  readonly seed: number;
  /** When a study of this name exists, load it (with its recorded seed) instead of failing. Default false. */
  readonly loadIfExists?: boolean;
  /** Where warnings go (failed trials, journal lines skipped). Default `console.warn`. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Creates a study in a storage (Optuna's `create_study`) — or, with `loadIfExists`, opens the
 * existing one of that name.
 *
 * @example
 * ```ts
 * import { createStudy, TrialPruned } from "@backprop/hpo";
 * const study = await createStudy({ storage: "memory:", studyName: "book-hpo", direction: "maximize", seed: 2016 });
 * await study.optimize(async (trial) => {
 *   const lr = trial.suggestFloat("lr", 1e-6, 1e-2, { log: true });
 *   const weightDecay = trial.suggestFloat("weight_decay", 1e-8, 1e-4, { log: true });
 *   const accuracy = 1 - Math.abs(Math.log10(lr) + 3) / 10 - Math.abs(Math.log10(weightDecay) + 6) / 40;
 *   for (let epoch = 1; epoch <= 3; epoch++) {
 *     trial.report(accuracy * (epoch / 3), epoch);
 *     if (trial.shouldPrune()) throw new TrialPruned();
 *   }
 *   return accuracy;
 * }, { nTrials: 30 });
 * console.log(study.trials.length, study.bestValue > 0.85); // 30 true
 * ```
 */
export async function createStudy(options: CreateStudyOptions): Promise<Study> {
  const op = "createStudy";
  checkStudyOptions(op, options);
  if (options.seed === undefined)
    throw new InvalidOptionError({
      op,
      option: "seed",
      value: undefined,
      expected: "a safe integer (every study is seeded)",
    });
  if (options.direction !== "minimize" && options.direction !== "maximize")
    throw new InvalidOptionError({
      op,
      option: "direction",
      value: options.direction,
      expected: '"minimize" or "maximize"',
    });
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const storage = await openStorage(options.storage ?? "memory:", {
    onWarning: (w) => warn(w.message),
  });
  let studyId: number;
  try {
    studyId = await storage.createStudy(options.studyName, [options.direction]);
  } catch (e) {
    if (options.loadIfExists === true && DuplicatedStudyError.isInstance(e))
      return loadStudy({ ...options, storage });
    throw e;
  }
  await storage.setStudySystemAttr(studyId, SEED_KEY, options.seed);
  const study = new Study({
    storage,
    studyId,
    studyName: options.studyName,
    direction: options.direction,
    seed: options.seed,
    sampler: options.sampler ?? tpeSampler(),
    pruner: options.pruner ?? medianPruner(),
    warn,
  });
  await study.refresh();
  return study;
}

import { InvalidOptionError } from "@backprop/errors";
import type { Callback, CallbackState, TrainingControl } from "../types.js";

/**
 * Options every epoch schedule takes.
 *
 * @example
 * ```ts
 * import { type ScheduleOptions, stepDecay } from "@backprop/trainer";
 * const options: ScheduleOptions = { initialLr: 0.1, name: "warmRestarts" };
 * console.log(stepDecay({ ...options, every: 5 }).name); // warmRestarts
 * ```
 */
export interface ScheduleOptions {
  /** The starting rate (default: the optimizer's rate when training begins). */
  readonly initialLr?: number;
  /** Checkpoint key (default `"lrSchedule"`). */
  readonly name?: string;
}

/**
 * A learning rate per epoch: before every epoch the optimizer's rate becomes
 * `schedule(epoch, initialLr, epochs)` (epoch 1-based). The starting rate is kept in
 * checkpoints, so a resumed run follows the same curve.
 *
 * @example
 * ```ts
 * import { learningRateSchedule } from "@backprop/trainer";
 * const warm = learningRateSchedule((epoch, lr0) => (epoch <= 2 ? lr0 * epoch / 2 : lr0));
 * console.log(warm.name); // lrSchedule
 * ```
 */
export function learningRateSchedule(
  schedule: (epoch: number, initialLr: number, epochs: number) => number,
  options: ScheduleOptions = {},
): Callback {
  let initial: number | undefined = options.initialLr;
  return {
    name: options.name ?? "lrSchedule",
    onTrainBegin(control: TrainingControl) {
      initial ??= control.lr;
    },
    onEpochBegin(epoch: number, control: TrainingControl) {
      const lr = schedule(epoch, initial!, control.epochs);
      if (!Number.isFinite(lr) || lr < 0) {
        throw new InvalidOptionError({
          op: "learningRateSchedule",
          option: "schedule",
          value: lr,
          expected: `a finite rate >= 0 for epoch ${epoch}`,
        });
      }
      control.lr = lr;
    },
    state(): CallbackState {
      return { json: { initialLr: initial ?? null } };
    },
    loadState(state: CallbackState) {
      const saved = (state.json as { initialLr: number | null }).initialLr;
      if (saved !== null) initial = saved;
    },
  };
}

function positive(op: string, option: string, value: number, max = Number.POSITIVE_INFINITY) {
  if (!(value > 0 && value <= max)) {
    throw new InvalidOptionError({
      op,
      option,
      value,
      expected: max === Number.POSITIVE_INFINITY ? "a number > 0" : `a number in (0, ${max}]`,
    });
  }
  return value;
}

/**
 * Step decay: `lr0 · factor^floor((epoch − 1) / every)`.
 *
 * @example
 * ```ts
 * import { stepDecay } from "@backprop/trainer";
 * const schedule = stepDecay({ every: 10, factor: 0.5 }); // halve every 10 epochs
 * console.log(schedule.name); // lrSchedule
 * ```
 */
export function stepDecay(options: ScheduleOptions & { every: number; factor?: number }): Callback {
  const every = positive("stepDecay", "every", options.every);
  const factor = positive("stepDecay", "factor", options.factor ?? 0.1, 1);
  return learningRateSchedule(
    (epoch, lr0) => lr0 * factor ** Math.floor((epoch - 1) / every),
    options,
  );
}

/**
 * Exponential decay: `lr0 · rate^(epoch − 1)`.
 *
 * @example
 * ```ts
 * import { exponentialDecay } from "@backprop/trainer";
 * console.log(exponentialDecay({ rate: 0.95 }).name); // lrSchedule
 * ```
 */
export function exponentialDecay(options: ScheduleOptions & { rate: number }): Callback {
  const rate = positive("exponentialDecay", "rate", options.rate, 1);
  return learningRateSchedule((epoch, lr0) => lr0 * rate ** (epoch - 1), options);
}

/**
 * Cosine annealing over the run (SGDR without restarts): `minLr + ½(lr0 − minLr)(1 + cos(π·(epoch
 * − 1)/epochs))`, from `lr0` in epoch 1 towards `minLr`.
 *
 * @example
 * ```ts
 * import { cosineDecay } from "@backprop/trainer";
 * console.log(cosineDecay({ minLr: 1e-5 }).name); // lrSchedule
 * ```
 */
export function cosineDecay(
  options: ScheduleOptions & { minLr?: number; epochs?: number } = {},
): Callback {
  const minLr = options.minLr ?? 0;
  if (!(minLr >= 0))
    throw new InvalidOptionError({
      op: "cosineDecay",
      option: "minLr",
      value: minLr,
      expected: "a number >= 0",
    });
  if (options.epochs !== undefined) positive("cosineDecay", "epochs", options.epochs);
  return learningRateSchedule((epoch, lr0, epochs) => {
    const span = options.epochs ?? epochs;
    const progress = Math.min(1, (epoch - 1) / span);
    return minLr + 0.5 * (lr0 - minLr) * (1 + Math.cos(Math.PI * progress));
  }, options);
}

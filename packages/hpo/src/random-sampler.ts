import type { Rng } from "@backprop/random";
import { stepCount, stepPoint } from "./decimal.js";
import type { Distribution, Sampler } from "./types.js";

/** A uniform draw from a distribution (log-uniform for log ones), as an internal value. */
export function sampleUniform(d: Distribution, rng: Rng): number {
  switch (d.type) {
    case "categorical":
      return rng.integer(0, d.choices.length - 1);
    case "float": {
      if (d.step !== null)
        return stepPoint(d.low, d.step, rng.integer(0, stepCount(d.low, d.high, d.step)));
      if (!d.log) return Math.min(d.high, d.low + (d.high - d.low) * rng.uniform());
      const lo = Math.log(d.low);
      const x = Math.exp(lo + (Math.log(d.high) - lo) * rng.uniform());
      return Math.min(d.high, Math.max(d.low, x));
    }
    case "int": {
      if (!d.log) return d.low + d.step * rng.integer(0, (d.high - d.low) / d.step);
      const lo = Math.log(d.low - 0.5);
      const x = Math.round(Math.exp(lo + (Math.log(d.high + 0.5) - lo) * rng.uniform()));
      return Math.min(d.high, Math.max(d.low, x));
    }
  }
}

/**
 * Options of {@link randomSampler} (none yet: the randomness comes from the study seed).
 *
 * @example
 * ```ts
 * import { randomSampler, type RandomSamplerOptions } from "@backprop/hpo";
 * const options: RandomSamplerOptions = {};
 * console.log(randomSampler(options).name); // random
 * ```
 */
export type RandomSamplerOptions = Record<string, never>;

/**
 * Independent uniform (log-uniform for log parameters) sampling. Each trial draws from its own
 * generator, `deriveRng(studySeed, "trial", trialNumber)`, so trial n gets the same parameters
 * whatever ran before it and however many workers share the study.
 *
 * @example
 * ```ts
 * import { createStudy, randomSampler } from "@backprop/hpo";
 * async function run() {
 *   const study = await createStudy({ studyName: "r", direction: "minimize", seed: 42, sampler: randomSampler() });
 *   await study.optimize((t) => t.suggestFloat("lr", 1e-6, 1e-2, { log: true }), { nTrials: 3 });
 *   return study.trials.map((t) => t.params.lr);
 * }
 * const [a, b] = [await run(), await run()];
 * console.log(a.length, a.every((lr, i) => lr === b[i])); // 3 true
 * ```
 */
export function randomSampler(_options: RandomSamplerOptions = {}): Sampler {
  return {
    name: "random",
    options: {},
    sample: (context, _name, distribution) => sampleUniform(distribution, context.rng),
  };
}

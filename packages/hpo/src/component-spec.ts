// Samplers and pruners as JSON, so that worker processes make the same ones again.
import { InvalidOptionError } from "@backprop/errors";
import { type GridSamplerOptions, gridSampler } from "./grid-sampler.js";
import { nopPruner } from "./nop-pruner.js";
import {
  type MedianPrunerOptions,
  medianPruner,
  type PercentilePrunerOptions,
  percentilePruner,
} from "./percentile-pruner.js";
import { randomSampler } from "./random-sampler.js";
import {
  type SuccessiveHalvingPrunerOptions,
  successiveHalvingPruner,
} from "./successive-halving-pruner.js";
import { type TpeSamplerOptions, tpeSampler } from "./tpe-sampler.js";
import type { JsonValue, Pruner, Sampler } from "./types.js";

/** A built-in sampler or pruner by name and JSON options. */
export interface ComponentSpec {
  readonly name: string;
  readonly options: JsonValue;
}

/** The spec of a sampler or pruner, or an error naming it when it has none. */
export function specOf(op: string, option: string, c: Sampler | Pruner): ComponentSpec {
  if (c.options === undefined)
    throw new InvalidOptionError({
      op,
      option,
      value: c.name,
      expected:
        "a built-in sampler/pruner with JSON options (worker processes make it again from its name and options; TPE's gamma and weights functions cannot travel)",
    });
  return { name: c.name, options: c.options };
}

export function samplerFromSpec(spec: ComponentSpec): Sampler {
  const options = (spec.options ?? {}) as object;
  switch (spec.name) {
    case "random":
      return randomSampler();
    case "tpe":
      return tpeSampler(options as TpeSamplerOptions);
    case "grid":
      return gridSampler(options as GridSamplerOptions);
    default:
      throw new InvalidOptionError({
        op: "worker",
        option: "sampler",
        value: spec.name,
        expected: "random, tpe or grid",
      });
  }
}

export function prunerFromSpec(spec: ComponentSpec): Pruner {
  const options = (spec.options ?? {}) as object;
  switch (spec.name) {
    case "median":
      return medianPruner(options as MedianPrunerOptions);
    case "percentile":
      return percentilePruner(options as PercentilePrunerOptions);
    case "successiveHalving":
      return successiveHalvingPruner(options as SuccessiveHalvingPrunerOptions);
    case "nop":
      return nopPruner();
    default:
      throw new InvalidOptionError({
        op: "worker",
        option: "pruner",
        value: spec.name,
        expected: "median, percentile, successiveHalving or nop",
      });
  }
}

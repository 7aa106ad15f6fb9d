import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InvalidOptionError } from "@backprop/errors";
import type { JsonValue, Objective } from "./types.js";

/**
 * Loads an objective from an ES module — what worker processes run (`optimize(module, {
 * workers })`, `backprop worker --objective`). The module either exports a function
 * `createObjective(args)` returning (a promise of) the objective, which gets `args`, or has the
 * async objective as its default export. A path is resolved against the working directory; a
 * `file:` URL or a package name is imported as it is.
 *
 * @example
 * ```ts
 * import { loadObjective } from "@backprop/hpo";
 * import { writeFileSync } from "node:fs";
 * writeFileSync("objective.mjs", "export default async (trial) => trial.suggestFloat('x', -1, 1) ** 2;");
 * const objective = await loadObjective("./objective.mjs");
 * console.log(typeof objective); // function
 * ```
 */
export async function loadObjective(module: string | URL, args?: JsonValue): Promise<Objective> {
  const op = "loadObjective";
  const href =
    module instanceof URL
      ? module.href
      : /^(\.{0,2}\/|[A-Za-z]:[\\/])/.test(module)
        ? pathToFileURL(resolve(module)).href
        : module;
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(href)) as Record<string, unknown>;
  } catch (cause) {
    throw new InvalidOptionError({
      op,
      option: "module",
      value: String(module),
      expected: `an ES module that can be imported (${(cause as Error)?.message ?? String(cause)})`,
    });
  }
  const factory = loaded.createObjective;
  const objective = typeof factory === "function" ? await factory(args) : loaded.default;
  if (typeof objective !== "function")
    throw new InvalidOptionError({
      op,
      option: "module",
      value: String(module),
      expected:
        "a module whose default export is the async objective (or that exports createObjective(args))",
    });
  return objective as Objective;
}

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { DOCS } from "./build-site.js";

/**
 * Modules of docs/examples that are no examples of their own: the output interface, the
 * experiments' printer, and the objective module hpo-workers' processes load.
 */
export const HELPERS = ["output", "show-result", "hpo-objective"] as const;

/** Names of the examples: docs/examples/<name>.ts, helpers aside. */
export function exampleNames(): string[] {
  return readdirSync(join(DOCS, "examples"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .filter((n) => !(HELPERS as readonly string[]).includes(n))
    .sort();
}

/** A page's source: its path under docs/, its route and its markdown. */
export interface PageSource {
  readonly file: string;
  readonly route: string;
  readonly text: string;
}

/** Every markdown page of the site (the generated API reference and README.md aside). */
export function pageSources(): PageSource[] {
  const out: PageSource[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (
          !["node_modules", "api", "public", "examples", "test", "scripts"].includes(entry.name) &&
          !entry.name.startsWith(".")
        )
          walk(path);
      } else if (entry.name.endsWith(".md") && path !== join(DOCS, "README.md")) {
        const file = relative(DOCS, path);
        const route = file.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, ".html");
        out.push({ file, route, text: readFileSync(path, "utf8") });
      }
    }
  };
  walk(DOCS);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** The examples a page shows (`<<< @/examples/<name>.ts`) and runs (`<RunExample name="…" />`). */
export function examplesOf(page: PageSource): { shown: string[]; run: string[] } {
  const shown = [...page.text.matchAll(/^<<< @\/examples\/([\w-]+)\.ts/gm)].map((m) => m[1]!);
  const run = [...page.text.matchAll(/<RunExample name="([\w-]+)"/g)].map((m) => m[1]!);
  return { shown, run };
}
